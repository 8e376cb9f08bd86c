import { isReliabilityAvailable } from './isReliabilityAvailable';

const entity = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('isReliabilityAvailable', () => {
  it.each(['Component', 'System', 'Resource', 'API', 'component'])(
    'is available for %s',
    kind => expect(isReliabilityAvailable(entity(kind))).toBe(true),
  );
  it.each(['Group', 'User', 'Location', 'Template', 'Domain'])(
    'is not available for %s',
    kind => expect(isReliabilityAvailable(entity(kind))).toBe(false),
  );
});
