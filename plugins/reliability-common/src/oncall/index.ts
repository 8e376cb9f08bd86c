export * from './Rotation';
export * from './rotationMath';
export * from './rotationSchemas';
export * from './OnCallApi';
export * from './ownershipGaps';
