export * from "./scalingWebTier";
export * from "./capacity";
export * from "./listeners";
export * from "./securityRules";
export * from "./launchSettings";
export * from "./naming";
export * from "./scheduledActions";
export * from "./bootstrapHook";
