enum BenefitsPlaceholder {}
