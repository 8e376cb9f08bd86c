import { render, waitFor } from '@testing-library/react';
import app from './App';

describe('App', () => {
  it('renders the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(app.createRoot());

    // The new system loads its extensions lazily: more than the default
    // second on a busy machine.
    await waitFor(
      () => {
        expect(rendered.getByText('Guest')).toBeInTheDocument();
      },
      { timeout: 15_000 },
    );
  });
});
