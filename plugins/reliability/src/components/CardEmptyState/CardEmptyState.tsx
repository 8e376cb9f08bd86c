import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';

/**
 * An empty state sized for a card in a grid column: a title, what to do,
 * and a snippet to copy. Backstage's EmptyState carries an illustration
 * that overflows narrow cards.
 *
 * @public
 */
export function CardEmptyState(props: {
  title: string;
  description: string;
  snippet?: { language: string; text: string };
}) {
  return (
    <Box>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      <Typography variant="body2" paragraph>
        {props.description}
      </Typography>
      {props.snippet && (
        <Box maxWidth="100%" overflow="auto">
          <CodeSnippet
            language={props.snippet.language}
            text={props.snippet.text}
            showCopyCodeButton
          />
        </Box>
      )}
    </Box>
  );
}
