export * from './businessDays';
export * from './Incident';
export * from './actionMath';
export * from './IncidentApi';
