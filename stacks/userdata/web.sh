#!/bin/bash
# User data of the web instances (Amazon Linux 2023). Runs once at first boot, as root.
# Placeholder app: replace the service below with the streaming front end's own unit.
# Keep it under 16 KiB; the stack refuses a larger file before anything is declared.
set -euo pipefail

APP_PORT={{appPort}}        # filled in from kgsports:appPort by the stack
HEALTH_PATH={{healthCheckPath}}  # filled in from kgsports:healthCheckPath

dnf install -y --setopt=install_weak_deps=False amazon-cloudwatch-agent python3

mkdir -p /srv/web
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

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now kgsports-web.service
