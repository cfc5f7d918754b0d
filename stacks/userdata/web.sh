#!/bin/bash
# User data of the web instances (Amazon Linux 2023). Runs once, at first boot, as root.
# Placeholder app: replace the web service below with the streaming front end's own unit.
# Keep it under 16 KiB; the stack refuses a larger file before anything is declared.
#
# The group holds every launch in Pending:Wait (its `{{lifecycleHookName}}` lifecycle
# hook) until this instance reports ready, or replaces it after the hook's timeout.
# Launches out of the warm pool hit the same hook but do not run user data again, so
# readiness is reported by a service that runs at every boot (kgsports-ready below).
set -euo pipefail

APP_PORT={{appPort}}                 # filled in from kgsports:appPort by the stack
HEALTH_PATH={{healthCheckPath}}      # filled in from kgsports:healthCheckPath
HOOK_NAME={{lifecycleHookName}}      # the group's launch lifecycle hook
AGENT_PARAM={{agentConfigParameter}} # the CloudWatch agent's configuration (SSM), or empty
STORE_PATH={{userStoreParameterPath}} # the UserStore's parameters (SSM path), or empty

# rsyslog: Amazon Linux 2023 logs to the journal only; the CloudWatch agent ships
# /var/log/messages, so rsyslog writes it again.
dnf install -y --setopt=install_weak_deps=False amazon-cloudwatch-agent python3 rsyslog
systemctl enable --now rsyslog
# The app's log file, which the agent ships to the stack's app log group.
mkdir -p /var/log/kgsports

mkdir -p "/srv/web$(dirname "$HEALTH_PATH")"
echo "ok" > "/srv/web$HEALTH_PATH"
cat > /etc/systemd/system/kgsports-web.service <<UNIT
[Unit]
Description=KG SPORTS web front end (placeholder)
After=network-online.target

[Service]
ExecStart=/usr/bin/python3 -m http.server ${APP_PORT} --directory /srv/web
Restart=always
DynamicUser=yes
StandardOutput=append:/var/log/kgsports/web.log
StandardError=append:/var/log/kgsports/web.log
EnvironmentFile=-/etc/kgsports/user-store.env

[Install]
WantedBy=multi-user.target
UNIT

# At every boot: load the CloudWatch agent's configuration from its SSM parameter (the
# stack keeps it there, so a change reaches every instance at its next boot, warm-pool
# instances included) and (re)start the agent with it.
if [ -n "$AGENT_PARAM" ]; then
cat > /etc/systemd/system/kgsports-agent-config.service <<UNIT
[Unit]
Description=Load the CloudWatch agent configuration of this stack
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:${AGENT_PARAM}

[Install]
WantedBy=multi-user.target
UNIT
fi

# At every boot: read where the UserStore is (its table's name and the VPC endpoint's URL)
# from its SSM parameters into /etc/kgsports/user-store.env, which the app's unit reads
# (USER_STORE_TABLE, USER_STORE_ENDPOINT_URL). Never baked in: a promoted restore or a new
# endpoint reaches every instance at its next boot, warm-pool instances included.
if [ -n "$STORE_PATH" ]; then
mkdir -p /etc/kgsports
cat > /usr/local/sbin/kgsports-user-store-env <<SCRIPT
#!/bin/bash
set -euo pipefail
get() { aws ssm get-parameter --name "${STORE_PATH}/\$1" --query Parameter.Value --output text; }
export AWS_DEFAULT_REGION=\$(TOKEN=\$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300") && curl -sf -H "X-aws-ec2-metadata-token: \$TOKEN" http://169.254.169.254/latest/meta-data/placement/region)
umask 077
printf 'USER_STORE_TABLE=%s\nUSER_STORE_ENDPOINT_URL=%s\n' "\$(get table-name)" "\$(get endpoint-url)" > /etc/kgsports/user-store.env
SCRIPT
chmod 0755 /usr/local/sbin/kgsports-user-store-env
cat > /etc/systemd/system/kgsports-user-store-env.service <<UNIT
[Unit]
Description=Read where the UserStore is from its SSM parameters
After=network-online.target
Wants=network-online.target
Before=kgsports-web.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/kgsports-user-store-env

[Install]
WantedBy=multi-user.target
UNIT
fi

# At every boot: wait until the app answers its health check, then complete the launch
# lifecycle hook so Auto Scaling puts the instance in service (or into the warm pool).
cat > /usr/local/sbin/kgsports-ready <<SCRIPT
#!/bin/bash
set -uo pipefail
imds() {
  local token
  token=\$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
  curl -sf -H "X-aws-ec2-metadata-token: \$token" "http://169.254.169.254/latest/\$1"
}
for _ in \$(seq 1 120); do
  curl -sf "http://127.0.0.1:${APP_PORT}${HEALTH_PATH}" > /dev/null && break
  sleep 5
done
instance=\$(imds meta-data/instance-id)
region=\$(imds meta-data/placement/region)
group=\$(aws autoscaling describe-auto-scaling-instances --region "\$region" --instance-ids "\$instance" \
  --query 'AutoScalingInstances[0].AutoScalingGroupName' --output text)
for _ in \$(seq 1 10); do
  aws autoscaling complete-lifecycle-action --region "\$region" --auto-scaling-group-name "\$group" \
    --lifecycle-hook-name "${HOOK_NAME}" --instance-id "\$instance" --lifecycle-action-result CONTINUE && exit 0
  sleep 15
done
# No pending action (e.g. a reboot in service) is not an error.
exit 0
SCRIPT
chmod 0755 /usr/local/sbin/kgsports-ready
cat > /etc/systemd/system/kgsports-ready.service <<UNIT
[Unit]
Description=Report this instance ready to its Auto Scaling group
After=kgsports-web.service network-online.target
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/kgsports-ready

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
if [ -n "$AGENT_PARAM" ]; then systemctl enable --now kgsports-agent-config.service; fi
if [ -n "$STORE_PATH" ]; then systemctl enable --now kgsports-user-store-env.service; fi
systemctl enable --now kgsports-web.service
systemctl enable --now kgsports-ready.service
