#!/usr/bin/env bash
# The deploy heartbeat (components/observability/README.md, "One page, and the deploy
# suppressor"). While a deploy job changes a stack it puts the metric
# KGSports/Deploy InProgress = 1, dimension Stack=<project>-<stack>, every 30 seconds:
# the stack's <prefix>-deploy-in-progress alarm then suppresses the matchday-degraded
# page. A heartbeat that stops (the job ended, failed or was cancelled) stops muting
# within minutes; the runner ends the background loop with the job at the latest.
#
#   deploy-heartbeat.sh start                 heartbeat in the background, one beat now, then
#                                             wait until the suppressor is in ALARM (so
#                                             nothing changes before paging is muted)
#   deploy-heartbeat.sh wait-refresh <group>  after `pulumi up`: keep beating while an
#                                             instance refresh the deploy started is still
#                                             replacing instances of the Auto Scaling group
#   deploy-heartbeat.sh stop                  end the heartbeat
#
# Environment: STACK (required); AWS_REGION (configure-aws-credentials sets it);
# DEPLOY_ROLE_ARN: the role the job assumed. A deploy and the refresh after it can
# outlast the one-hour session configure-aws-credentials gets, so this script renews its
# own session from the job's OIDC token (id-token: write) every 45 minutes; without a
# token (a person running it) it uses the ambient credentials.
# Tuning (tests): HEARTBEAT_SECONDS (30), REFRESH_POLL_SECONDS (60), REFRESH_WAIT_MINUTES (240).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${STACK:?STACK is required}"
PROJECT=$(sed -n 's/^name: *//p' Pulumi.yaml | head -n 1)
PREFIX="${PROJECT}-${STACK}"
NAMESPACE="KGSports/Deploy"
METRIC="InProgress"
ALARM="${PREFIX}-deploy-in-progress"
STATE="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/kgsports-heartbeat-${STACK}"
RENEW_AFTER_SECONDS=2700
renewed_at=0

log() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"; }

# Fresh credentials for this process from the job's OIDC token, once the last ones are 45 minutes old.
renew_credentials() {
  if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ] || [ -z "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ] || [ -z "${DEPLOY_ROLE_ARN:-}" ]; then
    return 0
  fi
  local now token_file creds
  now=$(date +%s)
  if (( now - renewed_at < RENEW_AFTER_SECONDS )); then return 0; fi
  token_file=$(mktemp)
  chmod 600 "$token_file"
  if ! curl -fsS -H "Authorization: bearer ${ACTIONS_ID_TOKEN_REQUEST_TOKEN}" "${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com" \
      | sed -n 's/.*"value" *: *"\([^"]*\)".*/\1/p' > "$token_file" || [ ! -s "$token_file" ]; then
    rm -f "$token_file"
    return 1
  fi
  if ! creds=$(env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
      aws sts assume-role-with-web-identity --role-arn "$DEPLOY_ROLE_ARN" \
        --role-session-name "kgsports-heartbeat-${GITHUB_RUN_ID:-local}" \
        --web-identity-token "file://${token_file}" --duration-seconds 3600 \
        --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text); then
    rm -f "$token_file"
    return 1
  fi
  rm -f "$token_file"
  read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<< "$creds"
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
  renewed_at=$now
}

beat() {
  aws cloudwatch put-metric-data --namespace "$NAMESPACE" --metric-name "$METRIC" \
    --dimensions "Stack=${PREFIX}" --value 1
}

loop_alive() {
  [ -f "${STATE}/pid" ] && kill -0 "$(cat "${STATE}/pid")" 2> /dev/null
}

case "${1:-}" in
  loop)
    while true; do
      renew_credentials || log "could not renew the credentials; retrying at the next beat"
      if beat; then log "heartbeat ${NAMESPACE} ${METRIC} Stack=${PREFIX}"; else log "heartbeat failed; retrying"; fi
      sleep "${HEARTBEAT_SECONDS:-30}"
    done
    ;;
  start)
    mkdir -p "$STATE"
    renew_credentials
    # One beat in the foreground: a missing permission fails the job here, before any change.
    beat
    if loop_alive; then
      log "heartbeat already running (pid $(cat "${STATE}/pid"))"
    else
      # Detached from the step's output, so the step ends while the loop goes on.
      nohup bash "$0" loop < /dev/null > "${STATE}/log" 2>&1 &
      echo $! > "${STATE}/pid"
      log "heartbeat started (pid $!): ${NAMESPACE} ${METRIC} Stack=${PREFIX} every ${HEARTBEAT_SECONDS:-30} s"
    fi
    log "waiting until ${ALARM} is in ALARM (paging muted) before the deploy changes anything"
    aws cloudwatch wait alarm-exists --alarm-names "$ALARM" --state-value ALARM
    log "${ALARM} is in ALARM: the matchday-degraded page is suppressed"
    ;;
  wait-refresh)
    group="${2:-}"
    if [ -z "$group" ]; then
      log "no Auto Scaling group name (the stack has no asgName output): nothing to wait for"
      exit 0
    fi
    deadline=$(( $(date +%s) + ${REFRESH_WAIT_MINUTES:-240} * 60 ))
    while true; do
      renew_credentials || log "could not renew the credentials; retrying"
      loop_alive || log "warning: the heartbeat loop is not running (see ${STATE}/log)"
      if ! active=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name "$group" \
          --query 'length(InstanceRefreshes[?Status==`Pending` || Status==`InProgress` || Status==`Cancelling` || Status==`RollbackInProgress` || Status==`Baking`])' \
          --output text); then
        log "could not read the instance refreshes of ${group}; retrying"
        active="unknown"
      fi
      if [ "$active" = "0" ]; then
        log "no instance refresh in progress on ${group}"
        break
      fi
      if (( $(date +%s) >= deadline )); then
        echo "::warning title=Instance refresh still running::an instance refresh of ${group} is still running after ${REFRESH_WAIT_MINUTES:-240} minutes; the heartbeat stops, so paging is no longer muted"
        exit 1
      fi
      log "instance refresh in progress on ${group}: the heartbeat goes on"
      sleep "${REFRESH_POLL_SECONDS:-60}"
    done
    ;;
  stop)
    if [ -f "${STATE}/pid" ]; then
      kill "$(cat "${STATE}/pid")" 2> /dev/null || true
      rm -f "${STATE}/pid"
    fi
    if [ -f "${STATE}/log" ]; then tail -n 3 "${STATE}/log"; fi
    log "heartbeat stopped: ${ALARM} returns to OK within minutes, and the page stays muted for the suppressor's extension period while replaced instances settle"
    ;;
  *)
    echo "usage: STACK=<stack> $0 start | wait-refresh <group> | stop" >&2
    exit 2
    ;;
esac
