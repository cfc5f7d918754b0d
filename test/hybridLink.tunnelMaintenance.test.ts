/**
 * Tunnel maintenance at kickoff. AWS replaces a VPN tunnel's endpoint for its own
 * updates, and the tunnel drops meanwhile; with tunnel endpoint lifecycle control on,
 * AWS applies such maintenance only when the owner does (ReplaceVpnTunnel with
 * ApplyPendingMaintenance) or after the date it announces (GetVpnTunnelReplacementStatus:
 * MaintenanceAutoAppliedAfter). The change must reach existing stacks without replacing
 * the connection: a replaced connection has new outside addresses and keys, and the
 * on-premise device would have to be reconfigured.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { HybridLink, HybridLinkArgs } from "@kgsports/hybrid-link";
import { declare, one } from "./helpers/declare";

const VPN = "aws:ec2/vpnConnection:VpnConnection";

/**
 * The aws_vpn_connection inputs whose change replaces the connection (ForceNew in the
 * provider's schema, which @pulumi/aws 7 bridges: terraform-provider-aws,
 * internal/service/ec2/vpnsite_connection.go, read 2026-12-07). Every other input is
 * updated in place: ModifyVpnConnection, ModifyVpnConnectionOptions, or
 * ModifyVpnTunnelOptions one tunnel at a time (the tunnel options, lifecycle control
 * among them: `tunnel{1,2}_enable_tunnel_lifecycle_control` is Optional, not ForceNew).
 */
const REPLACING_INPUTS = new Set([
    "type",
    "staticRoutesOnly",
    "enableAcceleration",
    "tunnelInsideIpVersion",
    "tunnel1InsideCidr",
    "tunnel2InsideCidr",
    "tunnel1InsideIpv6Cidr",
    "tunnel2InsideIpv6Cidr",
]);

function args(overrides: Partial<HybridLinkArgs> = {}): HybridLinkArgs {
    return {
        vpcId: "vpc-0f1e2d3c4b5a69788",
        routeTableIds: ["rtb-pub0", "rtb-prv0"],
        vpcCidr: "10.20.0.0/16",
        onPremiseCidrs: ["192.168.10.0/24"],
        customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 65010 },
        routing: "static",
        servers: [{ address: "192.168.10.21", port: 8080 }],
        loadBalancer: {
            securityGroupId: "sg-0a1b2c3d4e5f60718",
            arnSuffix: "app/web-alb/50dc6c495c0c9188",
            listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
            cloudTargetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067",
        },
        ...overrides,
    };
}

/** The inputs that differ between two declarations of the same resource. */
function changedInputs(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

describe("HybridLink: tunnel maintenance is the team's to schedule", () => {
    it("both tunnels have endpoint lifecycle control on, with or without the caller's tunnel settings", async () => {
        for (const tunnels of [undefined, [{ insideCidr: "169.254.10.0/30" }, { insideCidr: "169.254.10.4/30" }]] as HybridLinkArgs["tunnels"][]) {
            const { resources } = await declare(() => new HybridLink("link", args({ tunnels })));
            const vpn = one(resources, VPN).inputs;
            expect(vpn.tunnel1EnableTunnelLifecycleControl, "tunnel 1").to.equal(true);
            expect(vpn.tunnel2EnableTunnelLifecycleControl, "tunnel 2").to.equal(true);
        }
    });

    it("an existing connection gets it as an in-place update: the only changed inputs are the two lifecycle settings, neither of which replaces the connection", async () => {
        const { resources } = await declare(() => new HybridLink("link", args({ tunnels: [{ insideCidr: "169.254.10.0/30" }, { insideCidr: "169.254.10.4/30" }] })));
        const now = one(resources, VPN).inputs as Record<string, unknown>;
        // What the previous release (before issue 19) declared for these args, recorded from
        // that commit's component: a change of any other input shows up here.
        const before = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "released-vpn-connection.json"), "utf8")) as Record<string, unknown>;
        const changed = changedInputs(before, now);
        expect(changed).to.deep.equal(["tunnel1EnableTunnelLifecycleControl", "tunnel2EnableTunnelLifecycleControl"]);
        expect(changed.filter((k) => REPLACING_INPUTS.has(k))).to.deep.equal([]);
        // And the connection stays protected, so even a mistaken replacement stops the deploy.
        expect(one(resources, VPN).options.protect).to.equal(true);
    });

    it("the README tells the team how to see and apply pending maintenance outside match windows, and what turning it on does once", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "components", "hybrid-link", "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Tunnel maintenance"));
        expect(section.length, "a Tunnel maintenance section").to.be.lessThan(readme.length);
        expect(section).to.contain("aws ec2 get-vpn-tunnel-replacement-status");
        expect(section).to.contain("aws ec2 replace-vpn-tunnel");
        expect(section).to.contain("--apply-pending-maintenance");
        expect(section).to.contain("MaintenanceAutoAppliedAfter");
        // One tunnel at a time: the other one carries the traffic meanwhile.
        expect(section).to.match(/one tunnel at a time/i);
    });
});
