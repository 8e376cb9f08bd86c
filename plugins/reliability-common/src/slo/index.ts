export * from './SloDefinition';
export * from './parseSloDuration';
export * from './sloWindowAt';
export * from './burnRateAlertRules';
export * from './evaluateSlo';
export * from './parseOpenSlo';
export { sloNameSchema } from './openSloSchema';
export * from './toOpenSloDocument';
export * from './meetsThreshold';
