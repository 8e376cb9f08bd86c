import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { downloadBlob } from '../../browser/downloadBlob';

/**
 * Downloads an SLO as an OpenSLO v1 file (`<name>.yaml`): the way from an
 * SLO made through the API to one kept in the entity's repository. A
 * failure is said beside the button.
 */
export function ExportOpenSloButton(props: {
  entityRef: CompoundEntityRef;
  sloName: string;
}) {
  const { entityRef, sloName } = props;
  const api = useApi(reliabilityApiRef);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string>();

  const exportSlo = async () => {
    setError(undefined);
    setExporting(true);
    try {
      downloadBlob(
        await api.exportOpenSlo(entityRef, sloName),
        `${sloName}.yaml`,
      );
    } catch (e) {
      setError(`Could not export: ${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        onClick={exportSlo}
        disabled={exporting}
        aria-label={`Export ${sloName} as OpenSLO`}
      >
        {exporting ? 'Exporting…' : 'Export OpenSLO'}
      </Button>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}
