/** The config layer's "did you mean": the text helper below both config and capacity. */
export { editDistance, nearestName } from "../text/suggest";
