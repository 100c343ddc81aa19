/**
 * The one error the engine throws on bad input. Its message is short and meant for the user
 * as is (the CLI prints it alone, the views show it), so it never carries a stack or internals.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}
