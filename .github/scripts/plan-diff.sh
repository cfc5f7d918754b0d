#!/usr/bin/env bash
# The offline plan diff of every stack in a pull request, as Markdown for its comment:
# each Pulumi.<stack>.yaml of the checkout against the same file at the pull request's
# base (`npm run plan -- --stack <stack> --diff --base <commit>`), both planned now. A
# stack file the base does not have is planned alone. Exit 1 when a plan failed, or a
# match would get no capacity (plan exit 5: a fixture the pull request adds or changes
# is past or too late to pre-warm); the Markdown says which, after writing the whole file.
#
# The comment never exceeds GitHub's limit (65 536 characters; PLAN_DIFF_COMMENT_LIMIT to
# test): each stack's diff gets an equal share of what the Markdown around it leaves (what
# a short one leaves goes to the next), and plan --max-chars leaves out whole lines of
# other resources, then notes; only when the rest alone is over the share, scheduled
# actions, then the summary, then warnings. A whole plan or an error is cut here.
#
#   plan-diff.sh <base git ref> <output.md> [<base branch name, for the text>]
set -uo pipefail
cd "$(dirname "$0")/../.."

ref="${1:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
out="${2:?usage: plan-diff.sh <base git ref> <output.md> [<base branch name>]}"
branch="${3:-the base branch}"
in_branch="${branch:0:150}"
COMMENT_LIMIT="${PLAN_DIFF_COMMENT_LIMIT:-65536}"
# The Markdown around one stack's output: its heading and the code fence, at most this long
# with the branch name cut to 150 characters in the heading.
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
  echo
  echo "A diff too long for this comment leaves out whole lines, and says how many and the command that shows them: other resources first, then notes; only if still too long, scheduled actions, then the summary, then warnings (NO CAPACITY lines last)."
} > "$out"

status=0
shopt -s nullglob
files=(Pulumi.*.yaml)
left=${#files[@]}

# Whole lines of stdin within $1 characters (the last newline not counted), and a line
# saying what was left out; without it when not even that line fits.
fit_lines() {
  LC_ALL=C.UTF-8 awk -v max="$1" -v rerun="$2" '
    { line[NR] = $0 }
    END {
      total = 0; for (i = 1; i <= NR; i++) total += length(line[i]) + 1
      if (total - 1 <= max) { for (i = 1; i <= NR; i++) print line[i]; exit }
      kept = NR; used = total
      while (kept >= 0) {
        marker = sprintf("... %d lines left out (%d characters): run %s for them", NR - kept, total - used, rerun)
        if (used + length(marker) <= max) break
        if (kept == 0) break
        used -= length(line[kept]) + 1; kept--
      }
      if (used + length(marker) > max) {
        used = 0; kept = 0
        while (kept < NR && used + length(line[kept + 1]) <= max) { kept++; used += length(line[kept]) + 1 }
        marker = ""
      }
      for (i = 1; i <= kept; i++) print line[i]
      if (marker != "") print marker
    }'
}

for file in "${files[@]}"; do
  # What the comment has room for: the stacks still to come share it equally, so a short
  # diff leaves more to the next one. Characters, not bytes, counted as the file is now.
  used=$(LC_ALL=C.UTF-8 wc -m < "$out")
  room=$(( COMMENT_LIMIT - used - left * STACK_MARKDOWN ))
  share=$(( room / left ))
  # Never over the limit, even when it leaves nothing (plan --max-chars takes 1 at least).
  if [ "$share" -lt 0 ]; then share=0; fi
  budget=$(( share > 0 ? share : 1 ))
  left=$(( left - 1 ))
  stack="${file#Pulumi.}"
  stack="${stack%.yaml}"
  if git cat-file -e "${base}:${file}" 2> /dev/null; then
    heading="#### \`${stack}\`"
    rerun="npm run plan -- --stack ${stack} --diff --base ${short}"
    output=$(npm run -s plan -- --stack "$stack" --diff --base "$base" --max-chars "$budget" 2>&1)
  else
    heading="#### \`${stack}\` (new: not in ${in_branch}, so its whole plan)"
    rerun="npm run plan -- --stack ${stack}"
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
  # The diff fits itself in its share; a whole plan, an error or what npm adds is cut here, at whole lines too.
  output=$(printf '%s\n' "$output" | fit_lines "$share" "$rerun")
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
