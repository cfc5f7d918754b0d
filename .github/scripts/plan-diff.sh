#!/usr/bin/env bash
# The offline plan diff of every stack in a pull request, as Markdown for its comment:
# each Pulumi.<stack>.yaml of the checkout against the same file at the pull request's
# base (`npm run plan -- --stack <stack> --diff --base <commit>`), both planned now. A
# stack file the base does not have is planned alone. Exit 1 when a plan failed (the
# Markdown says why), after writing the whole file.
#
#   plan-diff.sh <base git ref> <output.md> [<base branch name, for the text>]
set -uo pipefail
cd "$(dirname "$0")/../.."

ref="${1:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
out="${2:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
branch="${3:-the base branch}"
MAX_CHARS=20000

if ! base=$(git rev-parse --verify --quiet "${ref}^{commit}"); then
  echo "plan-diff.sh: ${ref} names no commit here (fetch the base first)" >&2
  exit 1
fi
short="${base:0:7}"
# Twelve digits name the commit in the plan's header without a 40-digit line.
base=$(git rev-parse --short=12 "$base")

{
  echo "<!-- kgsports-plan-diff -->"
  echo "### Offline plan: what this pull request changes"
  echo
  echo "Each stack file of this pull request against ${branch} at \`${short}\`, both planned now without a cloud account (\`npm run plan -- --stack <stack> --diff --base ${short}\`): scheduled actions in UTC and the display zone, and warnings about what the next deploy does. The \`pulumi preview\` comments show the change against the real state."
} > "$out"

status=0
shopt -s nullglob
for file in Pulumi.*.yaml; do
  stack="${file#Pulumi.}"
  stack="${stack%.yaml}"
  if git cat-file -e "${base}:${file}" 2> /dev/null; then
    heading="#### \`${stack}\`"
    output=$(npm run -s plan -- --stack "$stack" --diff --base "$base" 2>&1)
  else
    heading="#### \`${stack}\` (new: not in ${branch}, so its whole plan)"
    output=$(npm run -s plan -- --stack "$stack" 2>&1)
  fi
  code=$?
  if [ "$code" -ne 0 ]; then
    heading="${heading}: **the plan failed** (exit ${code})"
    status=1
  fi
  if [ "${#output}" -gt "$MAX_CHARS" ]; then
    output="${output:0:$MAX_CHARS}
... (cut at ${MAX_CHARS} characters: run the command above for the rest)"
  fi
  {
    echo
    echo "$heading"
    echo
    echo '```text'
    echo "$output"
    echo '```'
  } >> "$out"
done
exit "$status"
