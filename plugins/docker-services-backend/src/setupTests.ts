export {};

// Tests wait on what they check (states, answers), never on a wall-clock
// budget; jest's timeout is only a guard against a hang, and must hold on a
// loaded two-core machine where a real engine answers slowly.
jest.setTimeout(120_000);
