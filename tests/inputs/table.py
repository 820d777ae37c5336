"""Print the table of wrong inputs for docs/testing.md: python tests/inputs/table.py"""

import json

from conftest import load_cases


def shown(value):
    """A value as an inventory would hold it."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > 40:
        text = text[:37] + "..."
    return "`" + text.replace("|", "\\|") + "`"


def markdown_table(cases):
    """One row per case: role, input, wrong value, words the message holds."""
    lines = [
        f"{len(cases)} wrong values, each refused before anything changes:",
        "",
        "| Input | Wrong value | Playbook | The message says (besides the input) |",
        "| --- | --- | --- | --- |",
    ]
    for case in cases:
        if "value" in case:
            value = f"{shown(case['value'])} ({case['name']})"
        else:
            value = case["name"]
        if case.get("with"):
            value += ", with " + ", ".join(f"`{name}: {'...' if str(given).startswith('@') else given}`" for name, given in case["with"].items())
        playbook = case.get("role", "site")
        said = "; ".join(word.replace("|", "\\|") for word in case["expect"] if word != case["input"])
        lines.append(f"| `{case['input']}` | {value} | {playbook} | {said} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(load_cases()), end="")
