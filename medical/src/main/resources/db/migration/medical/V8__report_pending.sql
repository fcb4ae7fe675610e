-- An analysis is saved with its report pending; the transaction that records the report (report row, forwards,
-- medical.findings in the outbox) clears the flag, so a crash in between leaves a pending report that the re-delivered
-- event or the periodic sweep completes. Analyses saved before this migration were reported already.
alter table analysis add column report_pending boolean not null default false;
create index analysis_report_pending on analysis (analysed_at) where report_pending;
