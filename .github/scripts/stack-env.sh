#!/usr/bin/env bash
# What a workflow job needs for one stack, checked before anything assumes a role: the
# stack's AWS region (`aws:region` in Pulumi.<stack>.yaml) and the repository or
# environment variables an administrator creates after the bootstrap (README,
# "Deploying"). Writes `region=<region>` to $GITHUB_OUTPUT.
#
#   STACK=<stack> ROLE_VARIABLE=<name> ROLE_ARN=<its value> BACKEND_URL=<state URL> stack-env.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${STACK:?STACK is required}"
file="Pulumi.${STACK}.yaml"
if [ ! -f "$file" ]; then
  echo "::error title=No stack file::${file} does not exist"
  exit 1
fi

problems=0
if [ -z "${ROLE_ARN:-}" ]; then
  echo "::error title=Variable ${ROLE_VARIABLE:-ROLE_ARN} is not set::set it to the role ARN the stack outputs after the administrator's first deploy (README, \"Deploying\": repository variables and environments)"
  problems=1
elif ! [[ "$ROLE_ARN" =~ ^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$ ]]; then
  echo "::error title=Variable ${ROLE_VARIABLE:-ROLE_ARN} is not a role ARN::expected arn:aws:iam::<12-digit account>:role/<name>"
  problems=1
fi
if [ -z "${BACKEND_URL:-}" ]; then
  echo "::error title=Variable PULUMI_BACKEND_URL is not set::set it (or ${STACK^^}_PULUMI_BACKEND_URL) to the state bucket, s3://<bucket>[/<prefix>] (README, \"Deploying\")"
  problems=1
elif [[ "$BACKEND_URL" != s3://* ]]; then
  echo "::error title=Variable PULUMI_BACKEND_URL is not an S3 URL::expected s3://<bucket>[/<prefix>], the state bucket of the bootstrap"
  problems=1
fi

region=$(node -e '
  const { parse } = require("yaml");
  const doc = parse(require("fs").readFileSync(process.argv[1], "utf8")) ?? {};
  process.stdout.write(String((doc.config ?? {})["aws:region"] ?? ""));
' "$file")
if ! [[ "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]]; then
  echo "::error title=No AWS region::${file} has no valid aws:region (got \"${region}\")"
  problems=1
fi
[ "$problems" -eq 0 ] || exit 1

echo "region=${region}" >> "${GITHUB_OUTPUT:-/dev/stdout}"
echo "stack ${STACK}: region ${region}, role from ${ROLE_VARIABLE:-ROLE_ARN}, state in ${BACKEND_URL}"
