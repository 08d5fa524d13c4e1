"""The compute-silicon catalog (data/catalog/silicon-*.yaml and the chip designers' entries in place).

Chips, their families and makers are named in Simplified, Traditional and English text, by bare model
number and by stock ticker; each name must land on the one entity news means by it, model numbers that
differ in digits or suffix must stay apart, and parents, makers and families must be the real ones.
"""

from __future__ import annotations

import pytest

from computekg.graph.schema import ProductKind
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase
from computekg.loaders.normalize import normalize_for_matching


@pytest.mark.parametrize(("name", "entity_id"), [
    # designers in all three scripts, by legal name and by ticker
    ("英伟达", "nvidia"), ("輝達", "nvidia"), ("英偉達", "nvidia"), ("NVDA-US", "nvidia"),
    ("NVIDIA Corporation", "nvidia"),
    ("超威半导体", "amd"), ("超微", "amd"), ("Advanced Micro Devices, Inc.", "amd"), ("AMD-US", "amd"),
    ("英特尔", "intel"), ("英特爾", "intel"), ("INTC", "intel"), ("高通", "qualcomm"), ("QCOM", "qualcomm"),
    ("博通", "broadcom"), ("AVGO", "broadcom"), ("Avago Technologies", "broadcom"), ("迈威尔", "marvell"),
    ("MRVL", "marvell"), ("安謀", "arm"), ("Arm Holdings plc", "arm"), ("ARM-US", "arm"), ("安谋科技", "arm-china"),
    ("联发科", "mediatek"), ("聯發科", "mediatek"), ("2454.TW", "mediatek"), ("世芯-KY", "alchip"),
    ("3661.TW", "alchip"), ("創意電子", "guc"), ("3443.TW", "guc"), ("6526.T", "socionext"),
    ("迈络思", "mellanox"), ("赛灵思", "xilinx"), ("Habana Labs", "habana-labs"), ("Annapurna Labs", "annapurna-labs"),
    # Chinese designers: the names they use, and their A-share and Hong Kong listings
    ("华为海思", "hisilicon"), ("海思", "hisilicon"), ("昆仑芯", "kunlunxin"), ("寒武纪", "cambricon"),
    ("寒武紀", "cambricon"), ("688256.SH", "cambricon"), ("海光信息", "hygon"), ("688041.SH", "hygon"),
    ("壁仞科技", "biren"), ("摩尔线程", "moore-threads"), ("沐曦", "metax"), ("燧原科技", "enflame"),
    ("天数智芯", "iluvatar-corex"), ("平头哥", "t-head"), ("平頭哥半導體", "t-head"), ("地平线", "horizon-robotics"),
    ("9660.HK", "horizon-robotics"), ("黑芝麻智能", "black-sesame"), ("2533.HK", "black-sesame"),
    ("紫光展锐", "unisoc"), ("龙芯中科", "loongson"), ("688047.SH", "loongson"), ("飞腾", "phytium"),
    ("兆芯", "zhaoxin"), ("瀚博半导体", "vastai"), ("登临科技", "denglin"), ("景嘉微", "jingjia-micro"),
    ("300474.SZ", "jingjia-micro"), ("澜起科技", "montage-technology"), ("盛科通信", "centec"),
    # NVIDIA chips, bare and prefixed, Simplified and Traditional
    ("H100", "nvidia-h100"), ("輝達H100", "nvidia-h100"), ("英伟达H100", "nvidia-h100"), ("H200", "nvidia-h200"),
    ("輝達H200", "nvidia-h200"), ("H20", "nvidia-h20"), ("H800", "nvidia-h800"), ("A800", "nvidia-a800"),
    ("GH200", "nvidia-gh200"), ("Grace Hopper", "nvidia-gh200"), ("B200", "nvidia-b200"), ("B300", "nvidia-b300"),
    ("GB200", "nvidia-gb200"), ("GB300", "nvidia-gb300"), ("B30A", "nvidia-b30a"), ("L40S", "nvidia-l40s"),
    ("L20", "nvidia-l20"), ("RTX 4090", "nvidia-rtx-4090"), ("RTX 4090D", "nvidia-rtx-4090d"),
    ("RTX 5090 D", "nvidia-rtx-5090d"), ("RTX Pro 6000D", "nvidia-rtx-pro-6000d"), ("Rubin CPX", "nvidia-rubin-cpx"),
    ("Blackwell", "nvidia-blackwell"), ("Blackwell Ultra", "nvidia-blackwell-ultra"), ("Hopper", "nvidia-hopper"),
    ("安培架构", "nvidia-ampere"), ("Vera Rubin", "nvidia-rubin"), ("Grace CPU", "nvidia-grace-cpu"),
    ("GB200 NVL72", "nvidia-gb200-nvl72"), ("DGX H100", "nvidia-dgx-h100"), ("HGX H20", "nvidia-hgx-h20"),
    ("Spectrum-X", "nvidia-spectrum-x"), ("ConnectX-7", "nvidia-connectx-7"), ("BlueField-3", "nvidia-bluefield-3"),
    ("NVLink", "nvidia-nvlink"), ("TensorRT-LLM", "nvidia-tensorrt-llm"), ("NVIDIA NIM", "nvidia-nim"),
    # AMD, Intel and hyperscaler chips
    ("MI300X", "amd-instinct-mi300x"), ("MI308", "amd-instinct-mi308"), ("MI325X", "amd-instinct-mi325x"),
    ("MI355X", "amd-instinct-mi355x"), ("MI300", "amd-instinct-mi300"), ("霄龙", "amd-epyc"), ("ROCm", "amd-rocm"),
    ("Gaudi 3", "intel-gaudi-3"), ("Gaudi2", "intel-gaudi-2"), ("至强", "intel-xeon"), ("oneAPI", "intel-oneapi"),
    ("TPU v5p", "google-tpu-v5p"), ("TPU v6e", "google-tpu-trillium"), ("TPU v7", "google-tpu-ironwood"),
    ("TPU", "google-tpu"), ("Trainium2", "aws-trainium2"), ("Trainium", "aws-trainium"),
    ("Inferentia2", "aws-inferentia2"),
    ("Graviton4", "aws-graviton4"), ("Maia 100", "microsoft-athena"), ("Athena", "microsoft-athena"),
    ("Cobalt 100", "microsoft-cobalt-100"), ("MTIA", "meta-mtia"), ("骁龙", "qualcomm-snapdragon"),
    ("驍龍", "qualcomm-snapdragon"),
    # Chinese chips
    ("昇腾", "huawei-ascend"), ("昇腾910B", "huawei-ascend-910b"), ("910B", "huawei-ascend-910b"),
    ("910C", "huawei-ascend-910c"), ("昇腾910C", "huawei-ascend-910c"), ("Ascend 310", "huawei-ascend-310"),
    ("昇腾950PR", "huawei-ascend-950pr"), ("CloudMatrix 384", "huawei-cloudmatrix-384"),
    ("鲲鹏920", "huawei-kunpeng-920"),
    ("麒麟9000S", "huawei-kirin-9000s"), ("昇思", "huawei-mindspore"), ("CANN", "huawei-cann"),
    ("昆仑芯P800", "kunlunxin-p800"), ("思元590", "cambricon-siyuan-590"), ("MLU370", "cambricon-mlu370"),
    ("思元370", "cambricon-mlu370"), ("深算二号", "hygon-dcu-shensuan-2"), ("BR100", "biren-br100"),
    ("壁砺100", "biren-br100"), ("MTT S4000", "moore-threads-mtt-s4000"), ("夸娥", "moore-threads-kuae"),
    ("曦云C500", "metax-c500"), ("云燧T20", "enflame-t20"), ("天垓100", "iluvatar-tiangai-100"),
    ("含光800", "t-head-hanguang-800"), ("倚天710", "t-head-yitian-710"), ("征程6", "horizon-journey-6"),
    ("龙芯3A6000", "loongson-3a6000"), ("紫霄", "tencent-zixiao"),
    # start-ups and networking
    ("LPU", "groq-lpu"), ("WSE-3", "cerebras-wse-3"), ("SN40L", "sambanova-sn40l"), ("RNGD", "furiosaai-rngd"),
    ("Tomahawk 6", "broadcom-tomahawk-6"), ("Jericho3-AI", "broadcom-jericho3-ai"), ("InfiniBand", "infiniband"),
    ("UALink", "ualink"), ("Ultra Ethernet Consortium", "ultra-ethernet-consortium"), ("ALAB", "astera-labs"),
    ("思科", "cisco"), ("瞻博网络", "juniper"), ("锐捷网络", "ruijie-networks"), ("英飞凌", "infineon"),
    ("IFX.DE", "infineon"), ("德州仪器", "texas-instruments"), ("安世半导体", "nexperia"),
])
def test_names_news_uses_resolve(aliases: AliasIndex, name: str, entity_id: str) -> None:
    assert aliases.resolve(name).id == entity_id


@pytest.mark.parametrize(("entity_id", "parent"), [
    ("nvidia-china", "nvidia"), ("mellanox", "nvidia"), ("run-ai", "nvidia"), ("xilinx", "amd"), ("pensando", "amd"),
    ("habana-labs", "intel"), ("mobileye", "intel"), ("nuvia", "qualcomm"), ("hisilicon", "huawei"),
    ("kunlunxin", "baidu"), ("t-head", "alibaba"), ("annapurna-labs", "amazon"), ("nexperia", "wingtech"),
    ("arm", "softbank-group"), ("graphcore", "softbank-group"), ("juniper", "hpe"), ("sanechips", "zte"),
])
def test_parents_are_the_real_ones(base: FactBase, entity_id: str, parent: str) -> None:
    assert base.aliases.resolve(entity_id).parent == parent


@pytest.mark.parametrize(("product", "maker", "family"), [
    ("nvidia-h100", "nvidia", "nvidia-hopper"), ("nvidia-h20", "nvidia", "nvidia-hopper"),
    ("nvidia-a100", "nvidia", "nvidia-ampere"), ("nvidia-b200", "nvidia", "nvidia-blackwell"),
    ("nvidia-gb300", "nvidia", "nvidia-blackwell-ultra"), ("nvidia-l20", "nvidia", "nvidia-ada-lovelace"),
    ("nvidia-rtx-4090d", "nvidia", "nvidia-geforce-rtx"), ("amd-instinct-mi300x", "amd", "amd-instinct-mi300"),
    ("amd-mi250", "amd", "amd-instinct-mi200"), ("intel-gaudi-3", "intel", "intel-gaudi"),
    ("google-tpu-v4", "google", "google-tpu"), ("aws-trainium3", "aws", "aws-trainium"),
    ("microsoft-athena", "microsoft", "microsoft-maia"), ("huawei-ascend-910b", "huawei", "huawei-ascend"),
    ("huawei-ascend-950dt", "huawei", "huawei-ascend-950"), ("kunlunxin-kunlun-2", "kunlunxin", "kunlunxin-kunlun"),
    ("cambricon-siyuan-590", "cambricon", "cambricon-siyuan"), ("broadcom-tomahawk-5", "broadcom", "broadcom-tomahawk"),
])
def test_makers_and_families(base: FactBase, product: str, maker: str, family: str) -> None:
    entity = base.aliases.resolve(product)
    assert (entity.maker, entity.family) == (maker, family)
    assert base.aliases.resolve(family).product_kind is ProductKind.FAMILY


@pytest.mark.parametrize("numbers", [
    ("H100", "H200", "H20", "H800", "GH200", "HGX H100", "DGX H100"),
    ("B100", "B200", "B300", "GB200", "GB300", "B30A", "GB200 NVL72", "GB300 NVL72"),
    ("MI300", "MI300A", "MI300X", "MI308", "MI325X", "MI350X", "MI355X"),
    ("910", "910B", "910C", "昇腾950PR", "昇腾950DT", "Ascend 310"),
    ("RTX 4090", "RTX 4090D", "RTX 5090", "RTX 5090D", "RTX PRO 6000", "RTX Pro 6000D"),
    ("Trainium", "Trainium1", "Trainium2", "Trainium3"),
])
def test_model_numbers_stay_apart(aliases: AliasIndex, numbers: tuple[str, ...]) -> None:
    assert len({aliases.resolve(n).id for n in numbers}) == len(numbers)


@pytest.mark.parametrize(("name", "entity_id"), [
    ("Arm", "arm"), ("L4", "nvidia-l4"), ("Grace", "nvidia-grace-cpu"), ("Tomahawk", "broadcom-tomahawk"),
    ("鲲鹏", "huawei-kunpeng"), ("麒麟", "huawei-kirin"), ("TI", "texas-instruments"),
])
def test_everyday_words_are_weak_but_still_resolve(aliases: AliasIndex, name: str, entity_id: str) -> None:
    assert aliases.is_weak(normalize_for_matching(name))
    assert aliases.resolve(name).id == entity_id


def test_a_chinese_sentence_links_each_chip_to_its_own_entity(aliases: AliasIndex) -> None:
    text = "輝達H20與H200之外,華為昇腾910C、寒武纪思元590和AMD的MI308也在名单上"
    found = [m.entity_id for m in aliases.find_mentions(text)]
    assert found == ["nvidia-h20", "nvidia-h200", "huawei-ascend-910c", "cambricon-siyuan-590", "amd",
                     "amd-instinct-mi308"]
