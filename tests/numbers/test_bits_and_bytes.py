"""Bits and bytes convert everywhere (8 bits a byte); only a figure carried over in the wrong unit is a finding."""

from __future__ import annotations

import pytest

from designlint.analysis.context import numbers
from designlint.loader import load_text
from designlint.model import Design
from tests.conftest import with_header

NIC = """scale:
  quantities:
    - {{name: egress, value: {egress}, rationale: measured at the edge}}
    - {{name: nic_bandwidth, value: {nic}, rationale: one NIC per node}}
    - {{name: nodes_needed, value: {nodes}, formula: ceil(egress / nic_bandwidth)}}
architecture:
  components:
    - id: edge
      name: Edge
      kind: service
      capacity: {{perNode: {per_node}, load: egress, nodes: {declared}}}
"""


@pytest.mark.parametrize(
    ("egress", "nic", "nodes", "per_node", "declared", "found"),
    [
        # 40 GB/s is 320 Gbps: 32 NICs of 10 Gbps, and 40 GB/s on 50 nodes of 10 Gbps is 64%.
        ("40 GB/s", "10 Gbps/node", "32 nodes", "10 Gbps", 50, set()),
        ("40 GB/s", "10 Gbps/node", "4 nodes", "10 Gbps", 50, {"DL503"}),  # bytes divided by bits as if equal
        ("320 Gbps", "1.25 GB/s/node", "32 nodes", "1.25 GB/s", 50, set()),
        ("40 GB/s", "10 Gbps/node", "32 nodes", "10 Gbps", 40, {"DL540"}),  # 80% at peak
        ("40 GB/s", "10 Gbps/node", "32 nodes", "10 GB/s", 50, {"DL541"}),  # 8%: surplus, not a unit error
    ],
)
def test_bits_and_bytes_convert_in_formulas_and_capacity(
    check_text, egress, nic, nodes, per_node, declared, found
):
    text = with_header(NIC.format(egress=egress, nic=nic, nodes=nodes, per_node=per_node, declared=declared))
    assert {f.code for f in check_text(text)} & {"DL503", "DL504", "DL540", "DL541"} == found


def test_the_recomputed_node_count_is_in_nodes():
    text = NIC.format(egress="40 GB/s", nic="10 Gbps/node", nodes="32 nodes", per_node="10 Gbps", declared=50)
    design = Design.model_validate(load_text(with_header(text), "example.yaml").data)
    item = numbers(design).derivations.by_name["nodes_needed"]
    assert item.value.value == pytest.approx(32)
    assert item.value.dims == (("node", 1),)


SLIP = 'scale:\n  quantities:\n    - {{name: link, value: {value}, rationale: "{rationale}"}}\n'


@pytest.mark.parametrize(
    ("value", "rationale", "reported"),
    [
        ("1 GB/s", "per 1 Gbps NIC", True),  # the number carried over, the unit not converted
        ("10 GB/s/node", "one 10 Gbps NIC per node", True),
        ("8 Gbps", "the disk streams 8 GB/s", True),  # 8 GB/s is 64 Gbps: the reverse slip
        ("1 Gbps", "the disk streams 1 GB/s", True),  # an eighth: bytes written as bits
        ("125 MB/s", "per 1 Gbps NIC", False),  # converted correctly
        ("1 Gbps", "per 1 Gbps NIC", False),  # same unit
        ("2.5 GB/s", "two 10 Gbps NICs", False),  # 20 Gbps is 2.5 GB/s: right
        ("3 GB/s", "per 1 Gbps NIC", False),  # off by 24: not a bits-for-bytes slip
        ("1 GB", "per 1 Gbps NIC", False),  # an amount against a rate
        ("1 GB/s", "a busy hour, measured", False),  # no figure to compare with
    ],
)
def test_a_figure_carried_over_in_the_wrong_unit(check_text, value, rationale, reported):
    findings = [
        f for f in check_text(with_header(SLIP.format(value=value, rationale=rationale))) if f.code == "DL508"
    ]
    assert bool(findings) == reported


def test_the_slip_finding_names_the_converted_figure(check_text):
    [finding] = [
        f
        for f in check_text(with_header(SLIP.format(value="1 GB/s", rationale="per 1 Gbps NIC")))
        if f.code == "DL508"
    ]
    assert finding.message == (
        "'link' states 1 GB/s, 8× the 1 Gbps its rationale quotes, which is 125 MB/s: bits written as bytes?"
    )
    assert finding.position.line == 7
