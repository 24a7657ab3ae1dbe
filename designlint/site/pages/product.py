"""Phases 1, 2 and 5: users and use cases, scope and requirements, trade-offs, decisions and assumptions."""

from __future__ import annotations

from designlint.site.markdown import (
    blocks,
    bullets,
    code,
    columns,
    heading,
    labelled,
    paragraph,
    section,
    table,
)

_USE_CASE_CATEGORIES = (
    ("core", "Core use cases"),
    ("supporting", "Supporting use cases"),
    ("edge", "Edge cases"),
)


def teams(design) -> str:
    return section(
        2,
        "Teams and ownership",
        "teams",
        columns(
            ["Team", "Id", "Responsibilities", "On-call"],
            design.teams,
            [
                lambda t: t.name or t.id,
                lambda t: code(t.id),
                lambda t: t.responsibilities,
                lambda t: t.oncall,
            ],
        ),
    )


def users_and_use_cases(design) -> str:
    users = columns(
        ["User", "Type", "Role", "Description", "Needs"],
        design.users,
        [lambda u: u.name, lambda u: u.type, lambda u: u.role, lambda u: u.description, lambda u: u.needs],
    )
    names = {user.id: user.name for user in design.users}
    use_cases = []
    for category, title in _USE_CASE_CATEGORIES:
        chosen = [case for case in design.use_cases if case.category == category]
        use_cases.append(
            section(
                4,
                title,
                f"use-cases-{category}",
                columns(
                    ["Use case", "User", "Priority", "Description", "Handling", "Operations"],
                    chosen,
                    [
                        lambda c: c.name,
                        lambda c: names.get(c.user, c.user),
                        lambda c: c.priority,
                        lambda c: c.description,
                        lambda c: c.handling,
                        lambda c: c.operations,
                    ],
                ),
            )
        )
    return section(
        2,
        "1. Users and use cases",
        "users-and-use-cases",
        section(3, "Users", "users", users),
        section(3, "Use cases", "use-cases", *use_cases),
        always=True,
    )


def scope_and_requirements(design) -> str:
    scope = design.scope
    scope_md = ""
    if scope is not None:
        scope_md = blocks(
            blocks("**In scope**", bullets(scope.in_)) if scope.in_ else "",
            blocks("**Out of scope**", table(["Left out", "Why"], ((o.item, o.reason) for o in scope.out)))
            if scope.out
            else "",
        )
    requirements = []
    for flow, title in (("read", "Read flows"), ("write", "Write flows"), ("control", "Control flows")):
        for requirement in (r for r in design.requirements if r.flow == flow):
            requirements.append(
                blocks(
                    heading(4, f"{title[:-1]}: {requirement.name}", f"requirement-{requirement.id}"),
                    paragraph(requirement.description),
                    bullets(requirement.details),
                    labelled([("Use cases", requirement.use_cases)]),
                    blocks("**Edge cases**", bullets(requirement.edge_cases))
                    if requirement.edge_cases
                    else "",
                )
            )
    return section(
        2,
        "2. Scope and functional requirements",
        "scope-and-requirements",
        section(3, "Scope", "scope", scope_md),
        section(3, "Functional requirements", "functional-requirements", *requirements),
        always=True,
    )


def judgment(design) -> str:
    tradeoffs = columns(
        ["Trade-off", "Choice", "Sacrifices", "Why that is acceptable"],
        design.tradeoffs,
        [lambda t: t.name, lambda t: t.choice, lambda t: t.sacrifices, lambda t: t.rationale],
    )
    decisions = [decision_block(decision) for decision in design.decisions]
    assumptions = columns(
        ["Assumption", "Category", "Risk", "How we would find out it is wrong"],
        design.assumptions,
        [lambda a: a.statement, lambda a: a.category, lambda a: a.risk, lambda a: a.validation],
    )
    simplifications = columns(
        ["Simplification", "Why it is reasonable"],
        design.simplifications,
        [lambda s: s.statement, lambda s: s.why],
    )
    models = columns(
        ["Mental model", "In one line", "When to use it"],
        design.mental_models,
        [lambda m: m.name, lambda m: m.one_liner, lambda m: m.when_to_use],
    )
    return section(
        2,
        "5. Trade-offs, decisions and assumptions",
        "judgment",
        section(3, "Trade-offs", "tradeoffs", tradeoffs),
        section(3, "Decisions", "decisions", *decisions),
        section(3, "Assumptions", "assumptions", assumptions),
        section(3, "Constraints", "constraints", bullets(design.constraints)),
        section(3, "Simplifications", "simplifications", simplifications),
        section(3, "Mental models", "mental-models", models),
        always=True,
    )


def decision_block(decision) -> str:
    alternatives = columns(
        ["Alternative", "Description", "Why rejected", "When it would work"],
        decision.alternatives,
        [lambda a: a.name, lambda a: a.description, lambda a: a.why_rejected, lambda a: a.when_it_would_work],
    )
    return blocks(
        heading(4, decision.title, f"decision-{decision.id}"),
        labelled(
            [
                ("Decision", decision.decision),
                ("Reversibility", decision.reversibility),
                ("Rationale", decision.rationale),
            ]
        ),
        blocks("**Alternatives considered**", alternatives) if alternatives else "",
    )
