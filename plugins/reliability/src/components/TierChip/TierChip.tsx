import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Popover from '@material-ui/core/Popover';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  describeTierRequirements,
  TierRequirements,
} from '@reliability-suite/plugin-reliability-common';
import { MouseEvent, useState } from 'react';

/** Colour of a tier by rank: the most critical tier is the loudest. */
function tierColor(theme: Theme, rank: number): string {
  switch (rank) {
    case 0:
      return theme.palette.error.main;
    case 1:
      return theme.palette.warning.main;
    case 2:
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles<Theme, { rank: number }>(theme => ({
  chip: {
    borderColor: ({ rank }) => tierColor(theme, rank),
    color: ({ rank }) => tierColor(theme, rank),
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  requirements: {
    padding: theme.spacing(1.5, 2),
    maxWidth: 360,
  },
  // A card-like tooltip: the default dark grey one is hard to read with
  // several lines of body text.
  tooltip: {
    backgroundColor: theme.palette.background.paper,
    color: theme.palette.text.primary,
    boxShadow: theme.shadows[4],
    maxWidth: 380,
    padding: 0,
  },
  arrow: {
    color: theme.palette.background.paper,
  },
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** @public */
export interface TierChipProps {
  tier: {
    id: string;
    rank: number;
    title: string;
    description?: string;
    requirements: TierRequirements;
  };
  size?: 'small' | 'medium';
  /**
   * What the chip says: the tier's title (default) or, where space is
   * short such as in a table column, its id.
   */
  label?: 'title' | 'id';
}

function TierRequirementsList(
  props: TierChipProps & { className: string; listClassName: string },
) {
  const { tier, className, listClassName } = props;
  const lines = describeTierRequirements(tier.requirements);
  return (
    <div className={className}>
      <Typography variant="subtitle2">{tier.title}</Typography>
      {tier.description && (
        <Typography variant="body2">{tier.description}</Typography>
      )}
      {lines.length > 0 ? (
        <ul
          className={listClassName}
          aria-label={`What ${tier.title} requires`}
        >
          {lines.map(line => (
            <li key={line}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2">This tier has no requirements.</Typography>
      )}
    </div>
  );
}

/**
 * A tier as a chip. Hovering shows what the tier requires; clicking pins
 * the same list in a popover (for touch screens and for copying).
 *
 * @public
 */
export function TierChip(props: TierChipProps) {
  const { tier, size = 'small', label = 'title' } = props;
  const classes = useStyles({ rank: tier.rank });
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const details = (
    <TierRequirementsList
      tier={tier}
      className={classes.requirements}
      listClassName={classes.list}
    />
  );
  return (
    <>
      <Tooltip
        title={anchor ? '' : details}
        arrow
        classes={{ tooltip: classes.tooltip, arrow: classes.arrow }}
      >
        <Chip
          className={classes.chip}
          variant="outlined"
          size={size}
          label={label === 'id' ? tier.id : tier.title}
          aria-label={`Tier: ${tier.title}`}
          data-testid="reliability-tier-chip"
          aria-haspopup="dialog"
          onClick={(event: MouseEvent<HTMLElement>) =>
            setAnchor(event.currentTarget)
          }
        />
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        {details}
      </Popover>
    </>
  );
}
