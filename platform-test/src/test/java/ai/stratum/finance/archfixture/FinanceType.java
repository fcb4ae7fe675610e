package ai.stratum.finance.archfixture;

public class FinanceType {}
