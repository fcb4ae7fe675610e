package ai.stratum.medical.archfixture;

import ai.stratum.finance.archfixture.FinanceType;

public class MedicalUsingFinance {
  FinanceType crossesServiceBoundary;
}
