// The stack config keys that messages below the program name as the fix (a provider's error is
// what the user reads): one source for their spelling, used by stacks/config.ts's schema too.
export const ADOPT_CONFIG_KEY = "cognigy:adoptExisting";
export const ALLOW_REPLACE_ADOPTED_CONFIG_KEY = "cognigy:allowReplaceAdopted";
export const DIVISION_CONFIG_KEY = "cognigy:division";
