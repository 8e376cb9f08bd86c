import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  reliabilityOncallManagePermission,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';
import {
  isRotationTeamMember,
  rotationPermissionResourceRef,
} from '@reliability-suite/plugin-reliability-node';
import { OnCallStore } from '../database/oncall/OnCallStore';

/** The stand-in resource for "a new rotation of this team". */
function newRotationOf(team: string): Rotation {
  return {
    id: '',
    name: '',
    team,
    timeZone: 'UTC',
    handoffAnchor: '1970-01-01T00:00',
    shiftLength: 'P1W',
    levels: [],
    overrides: [],
  };
}

/**
 * Registers rotations as a permission resource type, so a policy can
 * decide on `reliability.oncall.manage` by the rotation's team.
 *
 * @internal
 */
export function registerRotationResourceType(
  permissionsRegistry: PermissionsRegistryService,
  store: OnCallStore,
): void {
  permissionsRegistry.addResourceType({
    resourceRef: rotationPermissionResourceRef,
    permissions: [reliabilityOncallManagePermission],
    rules: [isRotationTeamMember],
    // A resourceRef is a rotation id, or a Group ref standing for a new
    // rotation of that team (so a UI can ask "may I create one?").
    getResources: async refs => {
      const stored = await store.getRotations(refs);
      return refs.map((ref, i) =>
        ref.startsWith('group:')
          ? newRotationOf(ref.toLocaleLowerCase('en-US'))
          : stored[i],
      );
    },
  });
}
