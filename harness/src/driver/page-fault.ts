/**
 * A step the page (not the harness) made fail: no phone button, a page error, a page that does not start. Its
 * message is the scenario's failure as is.
 */
export class PageFault extends Error {}
