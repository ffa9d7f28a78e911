/**
 * This build's version, as package.json says (a unit test keeps the two equal). A desk and
 * its host must run the same one: the contract is the wire format between them.
 */
export const PLINTH_VERSION = '0.1.0'
