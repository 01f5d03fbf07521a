# bash completion for sla
_sla_zones() {
  local dir=${TZDIR:-/usr/share/zoneinfo}
  [ -d "$dir" ] || return
  (cd "$dir" && find . -type f ! -name '*.tab' ! -name '*.zi' ! -name 'leap*' ! -name 'tzdata*' \
      ! -path './posix/*' ! -path './right/*' 2>/dev/null | sed 's|^\./||')
  echo UTC local
}

_sla() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="due check batch policy holidays"
  local command=due i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      due|check|batch|policy|holidays) command=${words[i]}; break ;;
    esac
  done

  case $prev in
    -p|--priority) COMPREPLY=($(compgen -W "P1 P2 P3 P4 urgent high normal low" -- "$cur")); return ;;
    -t|--tier) COMPREPLY=($(compgen -W "standard premium" -- "$cur")); return ;;
    -o|--output)
      if [[ $command == policy ]]; then
        COMPREPLY=($(compgen -W "text json toml" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json jsonl csv tsv" -- "$cur"))
      fi
      return ;;
    --policy|--check) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --tz) COMPREPLY=($(compgen -W "$(_sla_zones)" -- "$cur")); return ;;
    --holidays)
      COMPREPLY=($(compgen -W "us-federal us-federal-closures" -- "$cur") $(compgen -f -- "$cur"))
      return ;;
    --only)
      COMPREPLY=($(compgen -W "on_track at_risk paused breached met missed not_covered error open" -- "$cur"))
      return ;;
    --input-tz) COMPREPLY=($(compgen -W "$(_sla_zones)" -- "$cur")); return ;;
    --delimiter) COMPREPLY=($(compgen -W "tab ;" -- "$cur")); return ;;
    -s|--submitted|--now|--responded) COMPREPLY=($(compgen -W "now" -- "$cur")); return ;;
    --warn|--format|--from|--to|--calendar|--reclassified|--paused|--time-format|--column) return ;;
    --priority-map|--tier-map) return ;;
  esac

  local common="--policy --holidays --tz -o --output --color --help"
  local ticket="-s --submitted -p --priority -t --tier --calendar --reseller --reclassified --paused --explain --format"
  local reading="--input-tz --time-format --priority-map --tier-map"
  local opts
  case $command in
    due) opts="$ticket $reading $common" ;;
    check) opts="$ticket --now --responded --warn $reading $common" ;;
    batch) opts="--now --warn --only --summary --format --column --delimiter $reading $common" ;;
    policy) opts="--check $common" ;;
    holidays) opts="--from --to --calendar $common" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts --version" -- "$cur"))
  elif [[ $command == batch ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif ((cword == 1)); then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  fi
}
complete -F _sla sla
