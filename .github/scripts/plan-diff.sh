#!/usr/bin/env bash
# The offline plan diff of every stack in a pull request, as Markdown for its comment:
# each Pulumi.<stack>.yaml of the checkout against the same file at the pull request's
# base (`npm run plan -- --stack <stack> --diff --base <commit>`), both planned now. A
# stack file the base does not have is planned alone. Exit 1 when a plan failed, or a
# match would get no capacity (plan exit 5: a fixture the pull request adds or changes
# is past or too late to pre-warm); the Markdown says which, after writing the whole file.
#
# The comment fits GitHub's limit (65 536 characters; PLAN_DIFF_COMMENT_LIMIT to test):
# each stack's diff gets an equal share of what the Markdown around it leaves, and plan
# --max-chars leaves out whole lines of other resources and notes first, never the
# summary, a scheduled action or a warning.
#
#   plan-diff.sh <base git ref> <output.md> [<base branch name, for the text>]
set -uo pipefail
cd "$(dirname "$0")/../.."

ref="${1:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
out="${2:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
branch="${3:-the base branch}"
COMMENT_LIMIT="${PLAN_DIFF_COMMENT_LIMIT:-65536}"
# The Markdown around one stack's output: its heading (at most this long) and the code fence.
STACK_MARKDOWN=400

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
files=(Pulumi.*.yaml)
left=${#files[@]}

# Whole lines of stdin within $1 characters, and a line saying what was left out.
fit_lines() {
  LC_ALL=C.UTF-8 awk -v max="$1" -v rerun="$2" '
    { line[NR] = $0 }
    END {
      total = 0; for (i = 1; i <= NR; i++) total += length(line[i]) + 1
      if (total - 1 <= max) { for (i = 1; i <= NR; i++) print line[i]; exit }
      room = max - 200; kept = 0; used = 0
      while (kept < NR && used + length(line[kept + 1]) + 1 <= room) { kept++; used += length(line[kept]) + 1 }
      for (i = 1; i <= kept; i++) print line[i]
      printf "... %d lines left out (%d characters): run %s for them\n", NR - kept, total - used, rerun
    }'
}

for file in "${files[@]}"; do
  # What the comment has room for: the stacks still to come share it equally, so a short
  # diff leaves more to the next one. Characters, not bytes, counted as the file is now.
  used=$(LC_ALL=C.UTF-8 wc -m < "$out")
  room=$(( COMMENT_LIMIT - used - left * STACK_MARKDOWN ))
  budget=$(( room / left ))
  # A diff over its share leaves the next too little: it still gets its summary and scheduled actions.
  if [ "$budget" -lt 2000 ]; then budget=2000; fi
  left=$(( left - 1 ))
  stack="${file#Pulumi.}"
  stack="${stack%.yaml}"
  if git cat-file -e "${base}:${file}" 2> /dev/null; then
    heading="#### \`${stack}\`"
    rerun="npm run plan -- --stack ${stack} --diff --base ${short}"
    diffed=yes
    output=$(npm run -s plan -- --stack "$stack" --diff --base "$base" --max-chars "$budget" 2>&1)
  else
    heading="#### \`${stack}\` (new: not in ${branch}, so its whole plan)"
    rerun="npm run plan -- --stack ${stack}"
    diffed=no
    output=$(npm run -s plan -- --stack "$stack" 2>&1)
  fi
  code=$?
  if [ "$code" -eq 5 ]; then
    heading="${heading}: **a match would get no capacity** (exit 5)"
    status=1
  elif [ "$code" -ne 0 ]; then
    heading="${heading}: **the plan failed** (exit ${code})"
    status=1
  fi
  # The diff fits itself (over its share only when its summary, scheduled actions and
  # warnings alone are); a whole plan or an error is cut here, at whole lines too.
  if [ "$diffed" = yes ]; then
    output=$(printf '%s\n' "$output" | fit_lines "$room" "$rerun")
  else
    output=$(printf '%s\n' "$output" | fit_lines "$budget" "$rerun")
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
