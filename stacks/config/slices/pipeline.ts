/**
 * The delivery pipeline: the state backend and secrets key the deploy and preview roles
 * may use. The keys and decisions are `stacks/config/pipeline.ts`.
 */
import { decidePipelineSettings, PIPELINE_KEYS, PipelineSettings } from "../pipeline";
import { ConfigProblem, defineSlice, pickKeys } from "../slice";
import { ACCESS_KEYS } from "./access";

export const pipelineSlice = defineSlice({
    name: "pipeline",
    title: "The delivery pipeline: state backend, secrets key (stacks/config/pipeline.ts)",
    keys: PIPELINE_KEYS,
    reads: pickKeys(ACCESS_KEYS, "deployRepository"),
    decide(v, ctx): { settings: PipelineSettings; problems: ConfigProblem[] } {
        return decidePipelineSettings(v, { stack: ctx.stack, ...(v.deployRepository !== undefined ? { deployRepository: v.deployRepository } : {}) });
    },
});
