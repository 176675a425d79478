// The part of Node's WebAssembly global the gate uses. @types/node 20 does not declare it (TypeScript
// keeps it in lib.dom, which a Node project should not pull in).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }
}
