-- Stands in for a service's own first migration in the schema platform-core shares with it.
CREATE TABLE service_cases (
    id    bigint PRIMARY KEY,
    title text   NOT NULL
);
