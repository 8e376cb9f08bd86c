export * from './Readiness';
export * from './builtInReadinessRules';
export * from './evaluateReadiness';
export * from './defaultReadinessTemplates';
export * from './readinessChanges';
