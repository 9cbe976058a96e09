// Hand-written TypeScript types of the documented request and response bodies (see bodies.test.ts).
export {};
