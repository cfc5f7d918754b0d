/**
 * The project's name: the namespace of its config keys (`kgsports:<key>`). Its own
 * module, so pure code that names keys in messages (the capacity plan) does not load
 * the key table and, through it, the cloud SDKs.
 */
export const PROJECT = "kgsports";
