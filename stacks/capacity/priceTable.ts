/**
 * Every price the bill of a night and of the season uses ({@link ./bill}), in one table:
 * what it prices, its unit, the figure in USD, the region it is for, where it was read
 * and when, and whether it is a stand-in (`standIn: true`: not a figure confirmed for
 * the stack's region, with the reason in `note`). The report prints the table once.
 *
 * The matchday stack runs in ap-northeast-2 (Seoul). AWS's own price pages are rendered
 * by script and could not be read offline; where no readable source gave Seoul's figure,
 * the row carries the best figure found (usually us-east-1's list price, which Seoul's
 * equals or exceeds) and is marked a stand-in. The instance-hour and gp3 prices are not
 * here: they come from the stack config with their own source ({@link ./prices}) and
 * {@link priceTableOf} adds them as rows.
 */
import type { CapacityPrices } from "./prices";

/** When the rows below were read. */
export const PRICES_READ = "2026-12-07";

/** The region the bill's documented prices are meant for: the matchday stack's (Pulumi.matchday.yaml, aws:region). */
export const BILL_REGION = "ap-northeast-2";

/** One price of the bill. */
export interface PriceRow {
    /** Stable key the bill looks the price up by. */
    id: PriceId;
    /** What is priced, in words. */
    item: string;
    /** The unit the figure is per, e.g. "LCU-hour", "GB", "alarm-month". */
    unit: string;
    usd: number;
    /** The region the figure is for (the stack's, unless the row is a stand-in for it). */
    region: string;
    /** Where it was read: an address, or the page and what it says. */
    source: string;
    /** When it was read, YYYY-MM-DD. */
    read: string;
    /** True when the figure is not confirmed for {@link region} (see note). */
    standIn: boolean;
    /** What the figure covers, and for a stand-in why it is one. */
    note: string;
}

export type PriceId =
    | "instanceHour"
    | "gp3GiBMonth"
    | "albHour"
    | "lcuHour"
    | "reservedLcuHour"
    | "natHour"
    | "natGB"
    | "dataTransferOutGB"
    | "vpnConnectionHour"
    | "alarmMonth"
    | "logsIngestionGB"
    | "snapshotGBMonth";

/** The documented rows (every price but the two the stack config gives). */
export const DOCUMENTED_PRICES: readonly PriceRow[] = [
    {
        id: "albHour",
        item: "Application Load Balancer, each hour or partial hour it runs",
        unit: "ALB-hour",
        usd: 0.0225,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source:
            "github.com/mattrobinsonsre/terrapod/issues/977 (the AmazonEC2 price list offer, family Load Balancer-Application: USD 0.0225 per hour) and " +
            "github.com/infracost/infracost/pull/466 (Application load balancer USD 0.0225 per hour)",
        read: PRICES_READ,
        standIn: true,
        note: "Seoul's figure not found in a readable source (aws.amazon.com/elasticloadbalancing/pricing/ is rendered by script); Tokyo's is quoted as USD 0.0243 (aws.darcy-it.com), so Seoul's may be higher",
    },
    {
        id: "lcuHour",
        item: "Application Load Balancer capacity units consumed (LCU-hours)",
        unit: "LCU-hour",
        usd: 0.008,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source: "github.com/mattrobinsonsre/terrapod/issues/977 (USD 0.008 per LCU-hour, ALB) and github.com/infracost/infracost/pull/466 (USD 0.0080 per LCU-hour); Tokyo also USD 0.008 (aws.darcy-it.com)",
        read: PRICES_READ,
        standIn: true,
        note: "Seoul's figure not found in a readable source; us-east-1 and Tokyo both list USD 0.008",
    },
    {
        id: "reservedLcuHour",
        item: "Application Load Balancer reserved capacity units (LCU reservation), each hour reserved",
        unit: "reserved LCU-hour",
        usd: 0.008,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source:
            "docs.aws.amazon.com/elasticloadbalancing/latest/application/request-capacity-unit-reservation.html (\"You will continue to incur charges for any reserved or provisioned capacity until they are terminated or cancelled\"); " +
            "monitor-capacity-unit-reservation.html (\"Capacity is reserved on an hourly basis\"); the per-unit figure taken as the LCU-hour price",
        read: PRICES_READ,
        standIn: true,
        note:
            "no readable source states the reserved-LCU price; taken equal to the LCU-hour price. Billing model used: each reserved hour bills the reserved LCUs, " +
            "and consumed LCUs above the reservation bill as ordinary LCU-hours (consumed within it are not billed again); the ELB pricing page that states this could not be read offline",
    },
    {
        id: "natHour",
        item: "NAT gateway, each hour or partial hour provisioned",
        unit: "gateway-hour",
        usd: 0.059,
        region: "ap-southeast-1 (stand-in for ap-northeast-2)",
        source: "basavytix.com/blog/aws-nat-gateway-pricing (ap-southeast-1 USD 0.059 per hour and per GB; us-east-1 USD 0.045); a Singapore AWS bill in github.com/rahmat-ullah/DocParser (USD 0.059 per NAT Gateway Hour)",
        read: PRICES_READ,
        standIn: true,
        note: "Seoul's figure not found (aws.amazon.com/vpc/pricing/ rendered by script); Asia Pacific regions are quoted at USD 0.059, us-east-1 at 0.045",
    },
    {
        id: "natGB",
        item: "NAT gateway data processed",
        unit: "GB",
        usd: 0.059,
        region: "ap-southeast-1 (stand-in for ap-northeast-2)",
        source: "basavytix.com/blog/aws-nat-gateway-pricing; github.com/rahmat-ullah/DocParser (USD 0.059 per GB Data Processed by NAT Gateways, Singapore)",
        read: PRICES_READ,
        standIn: true,
        note: "as the NAT hour: Asia Pacific figure, Seoul's not found",
    },
    {
        id: "dataTransferOutGB",
        item: "EC2/ELB data transfer out to the internet, first 10 TB a month",
        unit: "GB",
        usd: 0.126,
        region: "ap-northeast-2",
        source: "aws.amazon.com/ec2/pricing/on-demand/ (Data Transfer OUT from Amazon EC2 to Internet, Asia Pacific (Seoul), up to 10 TB / month); not readable offline, figure as last known",
        read: PRICES_READ,
        standIn: true,
        note:
            "the page could not be read; no readable copy gave Seoul's first tier (ap-southeast-2's is USD 0.114, chengqing.dev; us-east-1's 0.09). " +
            "The first 100 GB a month free and the cheaper tiers above 10 TB are ignored (AWS tiers the month's total across services: aws.amazon.com/about-aws/global-infrastructure/global-network/faqs)",
    },
    {
        id: "vpnConnectionHour",
        item: "Site-to-Site VPN connection, each hour it is available",
        unit: "connection-hour",
        usd: 0.05,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source: "aws.amazon.com/vpn/pricing/ (\"charged for each VPN connection-hour\"; FAQ: hours the connection is in the available state, quoted by tekunabe.hatenablog.jp); figure as last known",
        read: PRICES_READ,
        standIn: true,
        note: "the figure was not found in a readable source; USD 0.05 is the common list price in most regions. Data out over the VPN is not priced",
    },
    {
        id: "alarmMonth",
        item: "CloudWatch alarm, standard resolution metric",
        unit: "alarm-month",
        usd: 0.1,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source: "aws.amazon.com/cloudwatch/pricing/ (standard resolution alarm, per alarm metric per month); figure as last known",
        read: PRICES_READ,
        standIn: true,
        note: "not found in a readable source for Seoul; prorated by the month; composite alarms are priced higher and counted here as standard",
    },
    {
        id: "logsIngestionGB",
        item: "CloudWatch Logs ingestion (standard log class)",
        unit: "GB",
        usd: 0.76,
        region: "ap-northeast-1 (stand-in for ap-northeast-2)",
        source: "aws.amazon.com/cloudwatch/pricing/ (Logs, collect); tech.enechange.co.jp/entry/2023/02/07/170405 quotes Tokyo's vended logs at about 1.5x N. Virginia's; figure as last known for Tokyo",
        read: PRICES_READ,
        standIn: true,
        note: "Seoul's not found; us-east-1's standard ingestion is USD 0.50 and Asia Pacific regions are higher",
    },
    {
        id: "snapshotGBMonth",
        item: "EBS snapshot storage (AWS Backup / Data Lifecycle Manager, standard tier)",
        unit: "GB-month",
        usd: 0.05,
        region: "us-east-1 (stand-in for ap-northeast-2)",
        source: "aws.amazon.com/ebs/pricing/ (EBS Snapshots, standard, per GB-month of data stored); figure as last known",
        read: PRICES_READ,
        standIn: true,
        note: "not found in a readable source for Seoul; a snapshot stores the blocks it changed, so a full volume per copy is an upper bound",
    },
];

/** Whether a config-given price's source says it is a stand-in (its words, e.g. "STAND-IN: us-east-1 ..."), or is unknown. */
function configStandIn(source: string, stated: string | undefined, usd: number): boolean {
    if (!Number.isFinite(usd)) return true;
    // Stryker disable next-line StringLiteral: equivalent; any filler without "stand-in", "not seoul", "unknown" or "ap-northeast-2" decides the same
    const said = stated ?? "";
    const text = `${source} ${said}`;
    return /stand-in|not seoul|UNKNOWN/i.test(text) || !/ap-northeast-2/.test(text);
}

/**
 * The bill's whole price table: the instance-hour and gp3 prices the stack config gives
 * (with their source, and the stack's stated source when a key set them; a stand-in
 * unless the source names ap-northeast-2 and is not marked as one), then
 * {@link DOCUMENTED_PRICES}.
 */
export function priceTableOf(prices: CapacityPrices, instanceType: string): PriceRow[] {
    const stated = prices.statedSource;
    const sourceOf = (s: string) => (/^[a-z0-9-]+:[A-Za-z]+$/.test(s) ? `set by ${s}${stated ? `: ${stated}` : " (source not stated)"}` : s);
    return [
        {
            id: "instanceHour",
            item: `EC2 On-Demand ${instanceType} Linux, in service or launching; also each unused reserved instance-hour (On-Demand Capacity Reservation)`,
            unit: "instance-hour",
            usd: prices.instanceHourUsd,
            region: configStandIn(prices.instanceHourSource, stated, prices.instanceHourUsd) ? `stand-in for ${BILL_REGION} (see source)` : BILL_REGION,
            source: sourceOf(prices.instanceHourSource),
            read: readDateOf(prices.instanceHourSource, stated),
            standIn: configStandIn(prices.instanceHourSource, stated, prices.instanceHourUsd),
            note: "from the stack config (stacks/config/capacityCost.ts)",
        },
        {
            id: "gp3GiBMonth",
            item: "EBS gp3 storage of the warm pool's stopped instances",
            unit: "GiB-month",
            usd: prices.volumeGiBMonthUsd,
            region: configStandIn(prices.volumeSource, stated, prices.volumeGiBMonthUsd) ? `stand-in for ${BILL_REGION} (see source)` : BILL_REGION,
            source: sourceOf(prices.volumeSource),
            read: readDateOf(prices.volumeSource, stated),
            standIn: configStandIn(prices.volumeSource, stated, prices.volumeGiBMonthUsd),
            note: "from the stack config (stacks/config/capacityCost.ts)",
        },
        ...DOCUMENTED_PRICES,
    ];
}

/** The date a config source says it was read (`read YYYY-MM-DD`), else "not stated". */
function readDateOf(source: string, stated: string | undefined): string {
    // Stryker disable next-line StringLiteral: equivalent; any filler without "read YYYY-MM-DD" finds the same date
    const said = stated ?? "";
    const m = /read (\d{4}-\d{2}-\d{2})/.exec(`${source} ${said}`);
    return m ? m[1] : "not stated";
}

/** The prices the bill reads, by id. */
export type BillPrices = Record<PriceId, number>;

/** The table as the bill reads it: id to USD. */
export function billPricesOf(rows: readonly PriceRow[]): BillPrices {
    const out = {} as BillPrices;
    for (const r of rows) out[r.id] = r.usd;
    return out;
}
