import '@testing-library/jest-dom';

// Rendering MUI cards in jsdom takes seconds per test when the machine is
// busy (CI on two cores runs every package's tests side by side): a slow
// machine must not turn into a failed assertion. Tests still fail on what
// they assert; only jest's default 5 s budget per test is raised.
jest.setTimeout(30_000);
