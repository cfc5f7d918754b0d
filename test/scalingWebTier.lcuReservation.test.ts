/**
 * The load balancer's LCU reservation belongs to the capacity schedules, not to deploys.
 *
 * What the provider does (hashicorp/terraform-provider-aws, internal/service/elbv2/
 * load_balancer.go, which @pulumi/aws bridges): on update, `if d.HasChange(
 * "minimum_load_balancer_capacity")` it calls modifyCapacityReservation with the declared
 * block, and with no block it sends `ResetCapacityReservation: true`. With a refresh
 * (Pulumi.yaml `refresh: always`), the state holds the units a schedule reserved; the
 * program declares none: a difference, so without `ignoreChanges` a deploy on match day
 * would cancel the reservation. The model below is that update, fed the declared load
 * balancer's recorded inputs and options.
 */
import { expect } from "chai";
import { LOAD_BALANCER_IGNORED_FIELDS, ScalingWebTier } from "@kgsports/scaling-web-tier";
import { AWS, declare, one } from "./helpers/declare";
import { webTierArgs } from "./helpers/stackConfigs";
import type { DeclaredResource } from "../stacks/plan/mockRuntime";

type Capacity = { capacityUnits: number } | undefined;

/** The ModifyCapacityReservation request the provider's update sends, or undefined when it sends none. */
function capacityRequestOfUpdate(stateAfterRefresh: Capacity, declared: Capacity, ignoreChanges: string[]): Record<string, unknown> | undefined {
    // Pulumi takes an ignored field's value from the old state, so the provider sees no change.
    const planned = ignoreChanges.includes("minimumLoadBalancerCapacity") ? stateAfterRefresh : declared;
    if (JSON.stringify(planned) === JSON.stringify(stateAfterRefresh)) return undefined; // d.HasChange is false
    return planned === undefined ? { ResetCapacityReservation: true } : { MinimumLoadBalancerCapacity: { CapacityUnits: planned.capacityUnits } };
}

describe("ScalingWebTier and the LCU reservation schedules", () => {
    let alb: DeclaredResource;
    before(async () => {
        const { resources } = await declare(() => new ScalingWebTier("web", webTierArgs()));
        alb = one(resources, AWS.alb);
    });

    it("declares no reservation and leaves the field out of the diff", () => {
        expect(alb.inputs.minimumLoadBalancerCapacity).to.equal(undefined);
        expect(alb.options.ignoreChanges).to.include("minimumLoadBalancerCapacity");
        expect(LOAD_BALANCER_IGNORED_FIELDS).to.deep.equal(["minimumLoadBalancerCapacity"]);
    });

    it("sends nothing when a schedule reserved 120 LCUs and the program declares none", () => {
        const reserved = { capacityUnits: 120 };
        const declared = alb.inputs.minimumLoadBalancerCapacity as Capacity;
        expect(capacityRequestOfUpdate(reserved, declared, alb.options.ignoreChanges)).to.equal(undefined);
    });

    it("the model: without ignoreChanges the same deploy would reset the reservation", () => {
        // Guards the model itself: it must see the difference a missing option would make.
        expect(capacityRequestOfUpdate({ capacityUnits: 120 }, undefined, [])).to.deep.equal({ ResetCapacityReservation: true });
        expect(capacityRequestOfUpdate(undefined, undefined, [])).to.equal(undefined);
        expect(capacityRequestOfUpdate({ capacityUnits: 120 }, { capacityUnits: 80 }, [])).to.deep.equal({ MinimumLoadBalancerCapacity: { CapacityUnits: 80 } });
    });

    it("keeps its other options: deletion protection still reaches the provider", () => {
        expect(alb.inputs.enableDeletionProtection).to.equal(true);
        expect(alb.parent).to.not.equal(null);
    });
});
