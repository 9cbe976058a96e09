// Public surface of the auth layer (transport and sandbox import from here or from the modules).
export * from "./errors.ts";
export * from "./jws.ts";
export * from "./advance.ts";
export * from "./zoloz.ts";
export * from "./uqudo.ts";
export * from "./keys.ts";
export * from "./sandbox-credentials.ts";
