/** Model file formats read and written by tgpl. */
export * as gguf from "./gguf/index.ts";
export * as safetensors from "./safetensors/index.ts";
