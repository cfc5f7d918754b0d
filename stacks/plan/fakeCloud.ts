/**
 * What the fake cloud answers under mocks: the outputs AWS would compute (ARNs, DNS
 * names, ids) and the answers of the data sources the program reads. Deterministic,
 * so a plan printed twice is the same text.
 */

export const MOCK_ACCOUNT_ID = "123456789012";

/** A stable 16-hex-digit tag derived from a name, standing in for AWS's random ids. */
export function fakeHex(name: string): string {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const ch of name) {
        h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
        h2 = Math.imul(h2 ^ ch.charCodeAt(0), 2246822519) >>> 0;
    }
    return (h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0")).slice(0, 16);
}

/** "aws:lb/targetGroup:TargetGroup" → "elasticloadbalancing"-ish service for a fake ARN. */
function serviceOf(type: string): string {
    const [pkg, mod] = type.split(":");
    return pkg === "aws" ? mod.split("/")[0] : pkg;
}

export function fakeOutputs(type: string, name: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
    const hex = fakeHex(name);
    const arn = `arn:aws:${serviceOf(type)}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
    const common = { arn, name: inputs.name ?? inputs.namePrefix ?? name };
    switch (type) {
        case "awsx:ec2:Vpc": {
            const zones = Number(inputs.numberOfAvailabilityZones ?? 3);
            const subnets = (kind: string) => Array.from({ length: zones }, (_, i) => `subnet-${kind}${i}${hex.slice(0, 10)}`);
            // awsx gives every subnet its own route table: public ones, then private ones.
            const routeTables = [...subnets("pub"), ...subnets("prv")].map((subnet) => ({ id: subnet.replace(/^subnet-/, "rtb-") }));
            return { vpcId: `vpc-${hex}`, publicSubnetIds: subnets("pub"), privateSubnetIds: subnets("prv"), isolatedSubnetIds: [], routeTables };
        }
        case "aws:lb/loadBalancer:LoadBalancer":
            return {
                arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/app/${name}/${hex}`,
                arnSuffix: `app/${name}/${hex}`,
                dnsName: `${name}-${parseInt(hex.slice(0, 8), 16)}.${region}.elb.amazonaws.com`,
                zoneId: "Z0MOCKZONE",
                name,
            };
        case "aws:lb/targetGroup:TargetGroup":
            return {
                arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:targetgroup/${name}/${hex}`,
                arnSuffix: `targetgroup/${name}/${hex}`,
                name,
            };
        case "aws:lb/listener:Listener": {
            // As AWS forms it: the load balancer's ARN with listener/ for loadbalancer/, and the listener's id.
            const lb = String(inputs.loadBalancerArn ?? "");
            const arn = lb.includes(":loadbalancer/") ? `${lb.replace(":loadbalancer/", ":listener/")}/${hex}` : `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:listener/app/${name}/${hex}/${hex}`;
            return { arn };
        }
        case "aws:autoscaling/group:Group":
            return {
                ...common,
                arn: `arn:aws:autoscaling:${region}:${MOCK_ACCOUNT_ID}:autoScalingGroup:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}:autoScalingGroupName/${common.name}`,
            };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...common, id: `lt-${hex}`, latestVersion: 1, defaultVersion: 1 };
        case "aws:ec2/securityGroup:SecurityGroup":
            return { ...common, id: `sg-${hex}` };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return { arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${String(inputs.url ?? "").replace(/^https:\/\//, "")}` };
        case "aws:iam/role:Role":
        case "aws:iam/instanceProfile:InstanceProfile":
        case "aws:iam/policy:Policy":
        case "aws:iam/group:Group":
            return { ...common, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:${type.split(":")[2].toLowerCase()}/${common.name}` };
        // HybridLink: the site-to-site VPN, the SSM activation and the failover's pieces.
        case "aws:ec2/customerGateway:CustomerGateway":
            return { ...common, id: `cgw-${hex}`, arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:customer-gateway/cgw-${hex}` };
        case "aws:ec2/vpnGateway:VpnGateway":
            return { ...common, id: `vgw-${hex}`, arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:vpn-gateway/vgw-${hex}` };
        case "aws:ec2/vpnConnection:VpnConnection": {
            // AWS's tunnel endpoints are public addresses of its own; derived from the name here.
            const octet = (i: number) => parseInt(hex.slice(i, i + 2), 16);
            const tunnel1Address = `3.${octet(0)}.${octet(2)}.${octet(4)}`;
            const tunnel2Address = `52.${octet(6)}.${octet(8)}.${octet(10)}`;
            return {
                ...common,
                id: `vpn-${hex}`,
                arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:vpn-connection/vpn-${hex}`,
                tunnel1Address,
                tunnel2Address,
                ...(inputs.tunnel1PresharedKey === undefined ? { tunnel1PresharedKey: `fake_psk_1_${hex}` } : {}),
                ...(inputs.tunnel2PresharedKey === undefined ? { tunnel2PresharedKey: `fake_psk_2_${hex}` } : {}),
                customerGatewayConfiguration:
                    `<vpn_connection id="vpn-${hex}"><ipsec_tunnel><vpn_gateway><tunnel_outside_address><ip_address>${tunnel1Address}</ip_address></tunnel_outside_address></vpn_gateway><ike><pre_shared_key>(fake key 1)</pre_shared_key></ike></ipsec_tunnel>` +
                    `<ipsec_tunnel><vpn_gateway><tunnel_outside_address><ip_address>${tunnel2Address}</ip_address></tunnel_outside_address></vpn_gateway><ike><pre_shared_key>(fake key 2)</pre_shared_key></ike></ipsec_tunnel></vpn_connection>`,
            };
        }
        case "aws:ssm/activation:Activation":
            return {
                ...common,
                id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}`,
                activationCode: `${hex}FAKECODE`.slice(0, 20),
                expired: false,
                registrationCount: 0,
            };
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            return { ...common, arn: `arn:aws:cloudwatch:${region}:${MOCK_ACCOUNT_ID}:alarm:${common.name}` };
        case "aws:cloudwatch/eventRule:EventRule":
            return { ...common, arn: `arn:aws:events:${region}:${MOCK_ACCOUNT_ID}:rule/${common.name}` };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { ...common, arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${common.name}` };
        case "aws:lambda/function:Function": {
            const fnArn = `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${common.name}`;
            return { ...common, arn: fnArn, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations` };
        }
        // Observability: key, topics, composite alarms, dashboard, bucket, agent parameter, Chatbot.
        case "aws:kms/key:Key": {
            const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}`;
            return { id: keyId, keyId, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${keyId}` };
        }
        case "aws:kms/alias:Alias":
            return { ...common, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:${String(inputs.name ?? `alias/${name}`)}` };
        case "aws:sns/topic:Topic": {
            const topicArn = `arn:aws:sns:${region}:${MOCK_ACCOUNT_ID}:${common.name}`;
            return { ...common, id: topicArn, arn: topicArn };
        }
        case "aws:sns/topicSubscription:TopicSubscription": {
            const subArn = `${String(inputs.topic ?? "")}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}`;
            // E-mail stays pending until a person confirms it.
            return { id: subArn, arn: subArn, pendingConfirmation: inputs.protocol === "email" };
        }
        case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
            return { arn: `arn:aws:cloudwatch:${region}:${MOCK_ACCOUNT_ID}:alarm:${String(inputs.alarmName ?? name)}` };
        case "aws:cloudwatch/dashboard:Dashboard":
            // Dashboards are global: no region in the ARN.
            return { dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT_ID}:dashboard/${String(inputs.dashboardName ?? name)}` };
        case "aws:s3/bucket:Bucket": {
            const bucket = String(inputs.bucket ?? `${name}-${hex.slice(0, 7)}`);
            return { id: bucket, bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, region };
        }
        case "aws:ssm/parameter:Parameter":
            return { ...common, id: String(common.name), arn: `arn:aws:ssm:${region}:${MOCK_ACCOUNT_ID}:parameter/${String(common.name)}` };
        case "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration":
            return { chatConfigurationArn: `arn:aws:chatbot::${MOCK_ACCOUNT_ID}:chat-configuration/slack-channel/${String(inputs.configurationName ?? name)}` };
        // BackupPolicy: vaults (a copy vault names its own region), plan, selection, golden-image policy.
        case "aws:backup/vault:Vault": {
            const vaultName = String(inputs.name ?? name);
            return { id: vaultName, name: vaultName, arn: `arn:aws:backup:${String(inputs.region ?? region)}:${MOCK_ACCOUNT_ID}:backup-vault:${vaultName}`, recoveryPoints: 0 };
        }
        case "aws:backup/plan:Plan": {
            const planId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}`;
            return { ...common, id: planId, arn: `arn:aws:backup:${String(inputs.region ?? region)}:${MOCK_ACCOUNT_ID}:backup-plan:${planId}`, version: hex };
        }
        case "aws:backup/selection:Selection":
            return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}` };
        case "aws:dlm/lifecyclePolicy:LifecyclePolicy":
            return { id: `policy-${hex}`, arn: `arn:aws:dlm:${String(inputs.region ?? region)}:${MOCK_ACCOUNT_ID}:policy/policy-${hex}` };
        // UserStore: the table (named by its input) and the interface endpoint's DNS names.
        case "aws:dynamodb/table:Table": {
            const table = String(inputs.name ?? name);
            return { id: table, name: table, arn: `arn:aws:dynamodb:${region}:${MOCK_ACCOUNT_ID}:table/${table}` };
        }
        case "aws:ec2/vpcEndpoint:VpcEndpoint": {
            const id = `vpce-0${hex.slice(0, 16)}`;
            const service = String(inputs.serviceName ?? "").split(".").slice(3).join(".") || "service";
            return {
                id,
                arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:vpc-endpoint/${id}`,
                dnsEntries: [{ dnsName: `${id}-${hex.slice(0, 8)}.${service}.${region}.vpce.amazonaws.com`, hostedZoneId: "Z27UANNT0PRK1T" }],
            };
        }
        default:
            return common;
    }
}

/** An Auto Scaling group that already runs in the fake cloud (a stack deployed before). */
export interface FakeRunningGroup {
    name: string;
    tags: Record<string, string>;
    minSize: number;
    desiredCapacity: number;
    maxSize: number;
}

/** What already exists in the fake cloud. Default: nothing (a first deploy into an empty account). */
export interface FakeCloudState {
    groups?: FakeRunningGroup[];
}

/** Groups matching every `tag:<key>` filter of an `aws.autoscaling.getAmiIds` call (the groups data source). */
function groupsMatching(state: FakeCloudState, filters: unknown): FakeRunningGroup[] {
    const list = Array.isArray(filters) ? (filters as { name?: string; values?: string[] }[]) : [];
    return (state.groups ?? []).filter((g) =>
        list.every((f) => {
            const key = /^tag:(.+)$/.exec(f.name ?? "")?.[1];
            return key !== undefined && (f.values ?? []).includes(g.tags[key]);
        }),
    );
}

/** Answers of data sources; undefined when the fake cloud has none. */
export function fakeCallResult(token: string, inputs: Record<string, unknown>, region: string, state: FakeCloudState = {}): Record<string, unknown> | undefined {
    switch (token) {
        case "aws:autoscaling/getAmiIds:getAmiIds": {
            const found = groupsMatching(state, inputs.filters);
            return {
                id: region,
                names: found.map((g) => g.name),
                arns: found.map((g) => `arn:aws:autoscaling:${region}:${MOCK_ACCOUNT_ID}:autoScalingGroup:${fakeHex(g.name).slice(0, 8)}:autoScalingGroupName/${g.name}`),
            };
        }
        case "aws:autoscaling/getGroup:getGroup": {
            const g = (state.groups ?? []).find((x) => x.name === inputs.name);
            // AWS answers an unknown name with an error; so does the fake cloud (undefined).
            return g === undefined ? undefined : { id: g.name, name: g.name, minSize: g.minSize, desiredCapacity: g.desiredCapacity, maxSize: g.maxSize };
        }
        case "aws:ssm/getParameter:getParameter":
            // Make the lookup visible in the plan instead of inventing an AMI id.
            return { name: inputs.name, type: "String", value: `resolved-at-deploy:${String(inputs.name)}`, insecureValue: "" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/offline-plan`, userId: "AIDAOFFLINEPLAN", id: MOCK_ACCOUNT_ID };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:ec2/getSubnet:getSubnet": {
            // The fake VPC's subnets are `subnet-<pub|prv><zone index>...`: zone a, b, c... of the region.
            const index = /^subnet-(?:pub|prv)(\d)/.exec(String(inputs.id ?? ""));
            return index === null ? undefined : { id: inputs.id, availabilityZone: `${region}${"abcdef"[Number(index[1])]}` };
        }
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" };
        default:
            return undefined;
    }
}
