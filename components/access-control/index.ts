export * from "./accessControl";
export * from "./policies";
export * from "./pipelinePolicies";
export * from "./resourceActions";
export * from "./githubOidc";
export * from "./members";
export * from "./naming";
export * from "./passwordPolicy";
