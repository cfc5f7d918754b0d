#!/usr/bin/env bash
# Creates this workflow's comment on a pull request, or updates it on the next push: the
# comment is the one github-actions wrote whose body starts with the file's first line
# (an HTML comment used as a marker), so each run replaces it instead of adding another.
#
#   GH_TOKEN=<token> GITHUB_REPOSITORY=<owner>/<name> pr-comment.sh <pr number> <markdown file>
set -euo pipefail

pr="${1:?usage: pr-comment.sh <pr number> <markdown file>}"
file="${2:?usage: pr-comment.sh <pr number> <markdown file>}"
: "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is required}"
if ! [[ "$pr" =~ ^[0-9]+$ ]]; then
  echo "pr-comment.sh: \"${pr}\" is not a pull request number" >&2
  exit 2
fi
marker=$(head -n 1 "$file")
if ! [[ "$marker" =~ ^\<!--\ [a-z0-9-]+\ --\>$ ]]; then
  echo "pr-comment.sh: the first line of ${file} must be a marker such as <!-- kgsports-plan-diff -->" >&2
  exit 2
fi

id=$(gh api --paginate "repos/${GITHUB_REPOSITORY}/issues/${pr}/comments" \
  --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"${marker}\"))) | .id" | tail -n 1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${id}" -F "body=@${file}" > /dev/null
  echo "updated comment ${id} on pull request ${pr}"
else
  gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${pr}/comments" -F "body=@${file}" > /dev/null
  echo "commented on pull request ${pr}"
fi
