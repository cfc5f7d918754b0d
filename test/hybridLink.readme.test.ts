import { expect } from "chai";
import { ComponentReadme, runExample } from "./helpers/componentReadme";
import { declare, named, one } from "./helpers/declare";

const doc = ComponentReadme.of("hybrid-link");
const usageExample = () => doc.usageExample();




describe("HybridLink README", () => {
    it("the usage example runs as written: the link, and a listener forwarding to it by weight", async () => {
        const config = {
            "aws:region": "ap-northeast-2",
            "kgsports:tunnel1Psk": "Tunnel1.key_abc",
            "kgsports:tunnel2Psk": "Tunnel2.key_def",
            "kgsports:activationExpiry": "2027-04-15T00:00:00Z",
            "kgsports:certificateArn": "arn:aws:acm:ap-northeast-2:123456789012:certificate/0c3e7f2a-5b1d-4e8a-9f6c-2d4b8a1e7c90",
        };
        const { resources, result, unansweredCalls } = await declare(() => runExample(usageExample()), "test", config);
        expect(unansweredCalls).to.deep.equal([]);
        one(resources, "kgsports:hybrid:HybridLink");
        const listener = one(resources, "aws:lb/listener:Listener").inputs as any;
        const tg = named(resources, "hybrid-onprem");
        expect(listener.defaultActions[0].forward.targetGroups.map((t: { weight: number }) => t.weight)).to.deep.equal([80, 20]);
        expect(listener.defaultActions[0].forward.targetGroups[1].arn).to.contain(`targetgroup/${tg.name}/`);
        const fn = one(resources, "aws:lambda/function:Function").inputs as any;
        // The listener of the example's load balancer, as AWS forms its ARN: listener/app/<lb name>/<lb id>/<listener id>.
        expect(fn.environment.variables.LISTENER_ARN).to.match(/:listener\/app\/web-alb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
        for (const key of ["tunnel1Address", "tunnel2Address", "customerGatewayConfiguration", "activationId", "activationCode", "failoverFunction"]) {
            expect(result, key).to.have.property(key);
        }
    });
});
