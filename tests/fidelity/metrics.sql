-- hicgen fidelity metrics: what an NDB researcher would measure first, computed on a loaded
-- dataset (search_path set to its schema). One row per metric: metric, value. The targets and
-- their sources are in specs/fidelity/targets.csv; tests/fidelity/run.sh compares.
-- Receipt class (rcp_cls) 4th digit: odd = 入院, even = 入院外 (記録条件仕様 レセプト種別).
\set ON_ERROR_STOP 1
WITH opt AS (
    SELECT to_date(manifest -> 'options' ->> 'start', 'YYYY-MM') AS start,
           (manifest -> 'options' ->> 'months')::int AS months
    FROM hicgen_manifest ORDER BY generation DESC LIMIT 1),
months AS (
    SELECT (opt.start + make_interval(months => i))::date AS first_day
    FROM opt, generate_series(0, opt.months - 1) i),
-- person-months alive, by 5 age bands used by 社会医療診療行為別統計
pm AS (
    SELECT CASE WHEN a < 15 THEN '0-14' WHEN a < 40 THEN '15-39' WHEN a < 65 THEN '40-64'
                WHEN a < 75 THEN '65-74' ELSE '75+' END AS band, count(*) AS n
    FROM (SELECT extract(year FROM age(m.first_day, to_date(p.birth_ym || '01', 'YYYYMMDD')))::int AS a
          FROM hicgen_persons p CROSS JOIN months m
          WHERE (p.death_ymd IS NULL OR p.death_ymd >= m.first_day)
            -- a child born during the period lives from the month after its birth
            AND to_date(p.birth_ym || '01', 'YYYYMMDD') < m.first_day) x
    GROUP BY 1),
py AS (SELECT band, n / 12.0 AS py FROM pm UNION ALL SELECT 'all', sum(n) / 12.0 FROM pm),
med_out AS (
    SELECT re.seq2_no, re.age, ho.total_score, ho.prac_true_days
    FROM tnds_t_rcp_med_re re JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
    WHERE right(re.rcp_cls, 1) IN ('0', '2', '4', '6', '8')),
med_out_band AS (
    SELECT CASE WHEN age < 15 THEN '0-14' WHEN age < 40 THEN '15-39' WHEN age < 65 THEN '40-64'
                WHEN age < 75 THEN '65-74' ELSE '75+' END AS band, count(*) AS n
    FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('0', '2', '4', '6', '8') GROUP BY 1
    UNION ALL SELECT 'all', count(*) FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('0', '2', '4', '6', '8')),
pha_band AS (
    SELECT CASE WHEN age < 15 THEN '0-14' WHEN age < 40 THEN '15-39' WHEN age < 65 THEN '40-64'
                WHEN age < 75 THEN '65-74' ELSE '75+' END AS band, count(*) AS n
    FROM tnds_t_rcp_pha_re GROUP BY 1
    UNION ALL SELECT 'all', count(*) FROM tnds_t_rcp_pha_re),
out_totals AS (SELECT total_score, count(*) AS n FROM med_out GROUP BY 1),
-- drug items of the year (院内 on 医科, 院外 on 調剤) with their person and 薬価基準コード
items AS (
    SELECT re.id5, re.prac_ym, iy.medicine_cd, m.drug_price_std_cd AS yj, m.generic
    FROM tnds_t_rcp_med_iy iy JOIN tnds_t_rcp_med_re re USING (seq2_no)
    JOIN tnds_m_medicine m USING (medicine_cd)
    UNION ALL
    SELECT re.id5, re.prac_ym, iy.medicine_cd, m.drug_price_std_cd, m.generic
    FROM tnds_t_rcp_pha_iy iy JOIN tnds_t_rcp_pha_re re USING (seq2_no)
    JOIN tnds_m_medicine m USING (medicine_cd)),
-- generic share by quantity of items, as the national 数量シェア: among drugs whose ingredient
-- and form (YJ 8 characters) has a generic in the master
has_generic AS (SELECT DISTINCT left(drug_price_std_cd, 8) AS yj8 FROM tnds_m_medicine WHERE generic = '1'),
generic_share AS (
    SELECT avg(CASE WHEN generic = '1' THEN 1.0 ELSE 0 END) AS share
    FROM items JOIN has_generic ON left(items.yj, 8) = has_generic.yj8),
-- class checks (specs/fidelity/class_checks.csv): persons with the diagnosis (not 疑い) on an
-- outpatient 医科 receipt, and the share of them with a drug of the class in the year
dx AS (
    SELECT DISTINCT c.check_id, re.id5
    FROM tnds_t_rcp_med_sy sy JOIN tnds_t_rcp_med_re re USING (seq2_no)
    JOIN tnds_m_skwd k USING (skwd_name_cd)
    JOIN fid_class_checks c ON k.icd_10_1 ~ ('^(' || c.icd10 || ')')
    WHERE coalesce(sy.sspct_dss_flg, '0') <> '1' AND right(re.rcp_cls, 1) IN ('0', '2', '4', '6', '8')),
rx AS (
    SELECT DISTINCT c.check_id, i.id5
    FROM items i JOIN fid_class_checks c ON i.yj ~ ('^(' || c.yj_prefixes || ')')),
class_share AS (
    SELECT dx.check_id, avg(CASE WHEN rx.id5 IS NULL THEN 0.0 ELSE 1 END) AS share
    FROM dx LEFT JOIN rx USING (check_id, id5) GROUP BY 1),
-- the 20 ingredients dispensed most (内服, 院外; tablets and capsules by quantity) and how many
-- of them are in the national top 20
pha_qty AS (
    SELECT left(m.drug_price_std_cd, 7) AS yj7, sum(iy.use_amnt * cz.dspng_amnt) AS qty
    FROM tnds_t_rcp_pha_iy iy
    JOIN tnds_t_rcp_pha_cz cz ON cz.seq2_no = iy.seq2_no AND cz.prspt_no = iy.prspt_no
                              AND cz.prspt_sub_no = iy.prspt_sub_no
    JOIN tnds_m_medicine m USING (medicine_cd)
    WHERE m.dsg_frm = '1' AND m.unit_kanj IN ('錠', 'カプセル')
    GROUP BY 1 ORDER BY 2 DESC LIMIT 20),
-- month to month: an outpatient receipt of the same person and institution as in the month
-- before, and whether its total differs (a chronic patient's receipt is not a copy)
chain AS (
    SELECT ho.total_score,
           lag(ho.total_score) OVER w AS prev_total, lag(re.prac_ym) OVER w AS prev_ym, re.prac_ym
    FROM tnds_t_rcp_med_re re JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
    JOIN tnds_t_rcp_med_ir ir USING (seq2_no)
    WHERE right(re.rcp_cls, 1) IN ('0', '2', '4', '6', '8')
    WINDOW w AS (PARTITION BY re.id5, ir.medi_inst_cd ORDER BY re.prac_ym)),
month_pairs AS (
    SELECT total_score <> prev_total AS differs FROM chain
    WHERE prev_ym IS NOT NULL
      AND (CASE WHEN right(prac_ym, 2) = '01' THEN prac_ym::int - 89 ELSE prac_ym::int - 1 END) = prev_ym::int),
-- seasonality: the share of the year's influenza diagnoses made December to March
-- persons holding a 公費 certificate that shows on their claims in the year, by 法別番号
kohi_persons AS (
    SELECT substr(ko.defrayer_no, 1, 2) AS hb, count(DISTINCT re.id5) AS n FROM (
        SELECT seq2_no, defrayer_no FROM tnds_t_rcp_med_ko UNION ALL SELECT seq2_no, defrayer_no FROM tnds_t_rcp_pha_ko) ko
    JOIN (SELECT seq2_no, id5 FROM tnds_t_rcp_med_re UNION ALL SELECT seq2_no, id5 FROM tnds_t_rcp_pha_re) re USING (seq2_no)
    GROUP BY 1),
flu AS (
    SELECT right(re.prac_ym, 2)::int AS mm
    FROM tnds_t_rcp_med_sy sy JOIN tnds_t_rcp_med_re re USING (seq2_no)
    JOIN tnds_m_skwd k USING (skwd_name_cd)
    WHERE k.icd_10_1 ~ '^J(09|10|11)' AND coalesce(sy.sspct_dss_flg, '0') <> '1'),
-- inpatient receipts (医科入院: odd 4th digit; DPC: all) and their 診療行為 lines
inp_re AS (
    SELECT seq2_no, 'med' AS fam FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('1', '3', '5', '7', '9')
    UNION ALL SELECT seq2_no, 'dpc' FROM tnds_t_rcp_dpc_re),
inp_points AS (
    SELECT ho.total_score, ho.prac_true_days FROM tnds_t_rcp_med_ho ho
    JOIN inp_re r ON r.seq2_no = ho.seq2_no AND r.fam = 'med'
    UNION ALL SELECT total_score, prac_true_days FROM tnds_t_rcp_dpc_ho),
inp_band AS (
    SELECT CASE WHEN age < 15 THEN '0-14' WHEN age < 40 THEN '15-39' WHEN age < 65 THEN '40-64'
                WHEN age < 75 THEN '65-74' ELSE '75+' END AS band, count(*) AS n
    FROM (SELECT age FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('1', '3', '5', '7', '9')
          UNION ALL SELECT age FROM tnds_t_rcp_dpc_re) x GROUP BY 1),
inp_si AS (
    SELECT si.prac_act_cd, si.times FROM tnds_t_rcp_med_si si JOIN inp_re r ON r.seq2_no = si.seq2_no AND r.fam = 'med'
    UNION ALL SELECT prac_act_cd, times FROM tnds_t_rcp_dpc_si),
-- the 特定保険医療材料 lines of inpatient receipts (TO)
inp_to AS (
    SELECT t.aft_splmt_prac_ident, t.spcfc_dev_cd, t.use_amnt, t.score, t.times
    FROM tnds_t_rcp_med_to t JOIN inp_re r ON r.seq2_no = t.seq2_no AND r.fam = 'med'
    UNION ALL SELECT aft_splmt_prac_ident, spcfc_dev_cd, use_amnt, score, times FROM tnds_t_rcp_dpc_to),
-- the points of every 出来高 line of an inpatient receipt by 診療識別 (the DPC 包括 is in GT)
inp_lines AS (
    SELECT si.aft_splmt_prac_ident AS ident, si.score * si.times AS pts FROM tnds_t_rcp_med_si si
    JOIN inp_re r ON r.seq2_no = si.seq2_no AND r.fam = 'med'
    UNION ALL SELECT iy.aft_splmt_prac_ident, iy.score * iy.times FROM tnds_t_rcp_med_iy iy
    JOIN inp_re r ON r.seq2_no = iy.seq2_no AND r.fam = 'med'
    UNION ALL SELECT aft_splmt_prac_ident, score * times FROM tnds_t_rcp_dpc_si
    UNION ALL SELECT aft_splmt_prac_ident, score * times FROM tnds_t_rcp_dpc_iy
    UNION ALL SELECT aft_splmt_prac_ident, coalesce(score, 0) * times FROM inp_to),
-- the drug lines of inpatient receipts (IY)
inp_iy AS (
    SELECT iy.medicine_cd, iy.use_amnt, iy.times
    FROM tnds_t_rcp_med_iy iy JOIN inp_re r ON r.seq2_no = iy.seq2_no AND r.fam = 'med'
    UNION ALL SELECT medicine_cd, use_amnt, times FROM tnds_t_rcp_dpc_iy),
-- blood products (NDB Open Data 第9回 注射薬 入院 数量): the code the model bills for each kind
blood(name, codes) AS (VALUES
    ('red_cells', ARRAY['621772101']),
    ('platelets', ARRAY['621602501']),
    ('plasma', ARRAY['621772701'])),
-- devices (NDB Open Data 第9回 特定保険医療材料 入院 数量): every code of the kind
devices(name, codes) AS (VALUES
    ('coronary_stent', ARRAY['710010018', '710010019', '710010026', '710011014']),
    ('knee_femoral', ARRAY['710010267', '710010734', '710011092', '738460000', '738470000', '738480000',
                           '738490000'])),
-- the commonest operations (NDB Open Data 第9回 K 手術 入院 codes)
ops(name, codes) AS (VALUES
    ('cataract', ARRAY['150253010', '150356210', '150315610', '150356310']),
    ('transfusion', ARRAY['150224910']),
    ('pci', ARRAY['150375210', '150375310', '150375410', '150374910', '150375010', '150375110']),
    ('hip_fracture', ARRAY['150019210', '150049510']),
    ('cholecystectomy', ARRAY['150254110', '150172410']),
    ('caesarean', ARRAY['150222110', '150222210']),
    ('ablation', ARRAY['150346710', '150262810']),
    ('pacemaker', ARRAY['150140210', '150395350']),
    ('limb_fracture', ARRAY['150019110', '150019310', '150019410']),
    ('neuro_aneurysm', ARRAY['150243810', '150254910', '150355410']),
    ('csdh', ARRAY['150273410']),
    ('knee_arthroscopy', ARRAY['150313710', '150313210', '150313110']),
    ('aortic_stent_graft', ARRAY['150301410', '150301310']),
    ('discectomy', ARRAY['150314410', '150063210']),
    ('glaucoma', ARRAY['150335910', '150435810', '150395150', '150373010']),
    ('gi_haemostasis', ARRAY['150164850', '150263950']),
    ('evt', ARRAY['150153810']),
    ('gastric_esd', ARRAY['150323010']),
    ('colorectal_resection', ARRAY['150324910', '150442110', '150181910', '150337810', '150325210',
                                   '150407310']),
    ('hip_arthroplasty', ARRAY['150050410']),
    ('vitrectomy', ARRAY['150274010', '150090610']),
    ('spine', ARRAY['150314610', '150282610', '150355110']),
    ('biliary_endoscopy', ARRAY['150254410', '150175410', '150296710']),
    ('colon_emr', ARRAY['150285010']),
    ('gynaecology', ARRAY['150272250', '150217510', '150270010']),
    ('urology', ARRAY['150365010', '150365110']),
    ('dialysis_access', ARRAY['150416410', '150416610']),
    ('tace', ARRAY['150376810'])),
-- inpatient rehabilitation units (NDB Open Data 第9回 H リハビリテーション 入院 単位数, (I) forms)
rehab(name, codes) AS (VALUES
    ('cerebrovascular', ARRAY['180027610']),
    ('musculoskeletal', ARRAY['180032710']),
    ('disuse', ARRAY['180044610']),
    ('respiratory', ARRAY['180028010']),
    ('cardiac', ARRAY['180027410'])),
-- days in a unit (NDB Open Data 第9回 A 特定入院料 入院 算定回数): the fees the model bills, 出来高
-- and their （ＤＰＣ） codes
units(name, codes) AS (VALUES
    ('icu', ARRAY['190174410', '190174510', '193511710', '193511810', '190116310', '190116410', '193501610']),
    ('emergency', ARRAY['190024510', '190128610', '190074510', '193500310', '193504610']),
    ('hcu', ARRAY['190175010', '190175110', '193512510', '193512710']),
    ('scu', ARRAY['190120810', '193504510'])),
-- 入院基本料等加算 drawn per stay (NDB Open Data 第9回 A 入院基本料等加算 入院 算定回数): the
-- hospital-drawn ones vary with the few hospitals of a small dataset, so they are not targets
addons(name, codes) AS (VALUES
    ('emergency_mgmt', ARRAY['190171910', '190172010']),
    ('discharge_support', ARRAY['190192310']))
SELECT metric, round(value::numeric, 4) FROM (
    SELECT 'med_out_points_per_receipt' AS metric, avg(total_score) AS value FROM med_out
    UNION ALL SELECT 'med_out_days_per_receipt', avg(prac_true_days) FROM med_out
    UNION ALL SELECT 'pha_points_per_receipt', avg(total_score) FROM tnds_t_rcp_pha_ho
    UNION ALL SELECT 'den_points_per_receipt', avg(total_score) FROM tnds_t_rcp_den_ho
    UNION ALL SELECT 'den_days_per_receipt', avg(prac_true_days) FROM tnds_t_rcp_den_ho
    UNION ALL SELECT 'med_out_receipts_per_py_' || b.band, b.n / py.py FROM med_out_band b JOIN py USING (band)
    UNION ALL SELECT 'pha_receipts_per_py_' || b.band, b.n / py.py FROM pha_band b JOIN py USING (band)
    UNION ALL SELECT 'den_receipts_per_py_all', (SELECT count(*) FROM tnds_t_rcp_den_re) / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'med_out_top_total_share', max(n)::numeric / sum(n) FROM out_totals
    UNION ALL SELECT 'distinct_prac_act_codes', count(DISTINCT prac_act_cd) FROM tnds_t_rcp_med_si
    UNION ALL SELECT 'distinct_medicine_codes', count(*) FROM (
        SELECT medicine_cd FROM tnds_t_rcp_med_iy UNION SELECT medicine_cd FROM tnds_t_rcp_pha_iy) d
    UNION ALL SELECT 'distinct_skwd_codes', count(DISTINCT skwd_name_cd) FROM tnds_t_rcp_med_sy
    UNION ALL SELECT 'med_sy_per_receipt', (SELECT count(*) FROM tnds_t_rcp_med_sy)::numeric / (SELECT count(*) FROM tnds_t_rcp_med_re)
    UNION ALL SELECT 'med_sy_suspect_share', avg(CASE WHEN modif_cd LIKE '%8002%' THEN 1 ELSE 0 END) FROM tnds_t_rcp_med_sy
    UNION ALL SELECT 'generic_share_items', share FROM generic_share
    UNION ALL SELECT 'class_' || check_id, share FROM class_share
    UNION ALL SELECT 'top20_ingredient_overlap', count(*) FROM pha_qty JOIN fid_top_ingredients USING (yj7)
    UNION ALL SELECT 'month_to_month_differ_share', avg(CASE WHEN differs THEN 1.0 ELSE 0 END) FROM month_pairs
    UNION ALL SELECT 'kohi_' || k.hb || '_persons_per_1000', k.n * 1000.0 / py.py
      FROM kohi_persons k, py WHERE py.band = 'all' AND k.hb IN ('21', '54')
    UNION ALL SELECT 'home_visits_per_1000_py', (SELECT sum(times) FROM tnds_t_rcp_med_si
        WHERE prac_act_cd IN ('114001110', '114030310')) * 1000.0 / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'home_mgmt_per_1000_py', (SELECT sum(times) FROM tnds_t_rcp_med_si
        WHERE left(prac_act_cd, 6) IN ('114030', '114031', '114032', '114033', '114034', '114035',
                                       '114036', '114037', '114038', '114039')
          AND prac_act_cd NOT IN ('114030310', '114030470', '114030570', '114030670', '114034370',
                                  '114034470', '114034570', '114034670')) * 1000.0 / py.py
      FROM py WHERE band = 'all'
    UNION ALL SELECT 'influenza_dec_mar_share', avg(CASE WHEN mm IN (12, 1, 2, 3) THEN 1.0 ELSE 0 END) FROM flu
    -- outpatient fee rules against national counts (per person-year or per 入院外 receipt)
    UNION ALL SELECT 'biochem1_judge_per_py', (SELECT sum(si.times) FROM tnds_t_rcp_med_si si
        JOIN med_out USING (seq2_no) WHERE si.prac_act_cd = '160061910') / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'tokutei_mgmt_per_receipt', (SELECT sum(si.times) FROM tnds_t_rcp_med_si si
        JOIN med_out USING (seq2_no) WHERE si.prac_act_cd IN ('113001810', '113001910', '113002010'))
        / (SELECT count(*)::numeric FROM med_out)
    -- 院外 prescriptions (処方箋料) among all prescriptions of 入院外 (処方料 + 処方箋料)
    UNION ALL SELECT 'rx_outside_share', sum(CASE WHEN si.prac_act_cd IN ('120002910', '120002710',
        '120004610') THEN si.times ELSE 0 END)::numeric / nullif(sum(si.times), 0)
      FROM tnds_t_rcp_med_si si JOIN med_out USING (seq2_no)
      WHERE si.prac_act_cd IN ('120002910', '120002710', '120004610', '120001210', '120002610',
                               '120004410')
    -- prescriptions (処方料 + 処方箋料) of 入院外, per person-year
    UNION ALL SELECT 'rx_per_py', (SELECT sum(si.times) FROM tnds_t_rcp_med_si si JOIN med_out USING (seq2_no)
        WHERE si.prac_act_cd IN ('120002910', '120002710', '120004610', '120001210', '120002610',
                                 '120004410')) / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'self_inj_28_per_1000_py', (SELECT sum(si.times) FROM tnds_t_rcp_med_si si
        WHERE si.prac_act_cd = '114028410') * 1000.0 / py.py FROM py WHERE band = 'all'
    -- days supplied per 内服 item dispensed, for the classes of the commonest chronic drugs
    -- (214 血圧降下剤, 218 高脂血症用剤): what the visit intervals of their patients give
    UNION ALL SELECT 'pha_days_per_internal_item_' || left(m.drug_price_std_cd, 3), avg(cz.dspng_amnt)
      FROM tnds_t_rcp_pha_iy iy
      JOIN tnds_t_rcp_pha_cz cz ON cz.seq2_no = iy.seq2_no AND cz.prspt_no = iy.prspt_no
                               AND cz.prspt_sub_no = iy.prspt_sub_no
      JOIN tnds_m_medicine m USING (medicine_cd)
      WHERE m.dsg_frm = '1' AND left(m.drug_price_std_cd, 3) IN ('214', '218')
      GROUP BY left(m.drug_price_std_cd, 3)
    -- the drugs pharmacies dispense (薬剤料 of the CZ records), per person-year
    UNION ALL SELECT 'pha_drug_points_per_py', (SELECT sum(drc_score) FROM tnds_t_rcp_pha_cz) / py.py
      FROM py WHERE band = 'all'
    -- deaths: the crude rate, and the shares of causes (人口動態統計 groups) and places (codes
    -- 1 病院, 3 介護医療院・老健, 5 老人ホーム, 6 自宅)
    UNION ALL SELECT 'deaths_per_1000_py', (SELECT count(*) FROM hicgen_persons
        WHERE death_ymd IS NOT NULL) * 1000.0 / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'death_cause_share_' || lower(c.cause),
        (SELECT count(*) FROM hicgen_persons WHERE death_cause = c.cause)::numeric
        / nullif((SELECT count(*) FROM hicgen_persons WHERE death_ymd IS NOT NULL), 0)
      FROM (VALUES ('CANCER'), ('HEART'), ('SENILITY'), ('STROKE'), ('PNEUMONIA'), ('ASPIRATION'),
                   ('ACCIDENT'), ('RENAL')) c(cause)
    UNION ALL SELECT 'death_place_share_' || c.name,
        (SELECT count(*) FROM hicgen_persons WHERE death_place = c.code)::numeric
        / nullif((SELECT count(*) FROM hicgen_persons WHERE death_ymd IS NOT NULL), 0)
      FROM (VALUES ('1', 'hospital'), ('3', 'care_facility'), ('5', 'nursing_home'),
                   ('6', 'home')) c(code, name)
    -- inpatient care: receipts per person-year, points per receipt, the DPC share, and the
    -- commonest operations per 1,000 person-years
    UNION ALL SELECT 'inpatient_receipts_per_py', (SELECT count(*) FROM inp_re) / py.py FROM py WHERE band = 'all'
    UNION ALL SELECT 'inpatient_receipts_per_py_' || b.band, b.n / py.py FROM inp_band b JOIN py USING (band)
    UNION ALL SELECT 'inpatient_days_per_receipt', avg(prac_true_days) FROM inp_points
    UNION ALL SELECT 'inpatient_points_per_receipt', avg(total_score) FROM inp_points
    -- two parts of it by 診療識別: 注射 (3x: fees and drugs) and 手術 (50)
    UNION ALL SELECT 'inpatient_injection_points_per_receipt',
        (SELECT sum(pts) FROM inp_lines WHERE left(ident, 1) = '3') / (SELECT count(*) FROM inp_re)
    UNION ALL SELECT 'inpatient_surgery_points_per_receipt',
        (SELECT sum(pts) FROM inp_lines WHERE ident = '50') / (SELECT count(*) FROM inp_re)
    -- and 医学管理等 (13), 画像診断 (70): mostly the hospital day's background acts
    UNION ALL SELECT 'inpatient_management_points_per_receipt',
        (SELECT sum(pts) FROM inp_lines WHERE ident = '13') / (SELECT count(*) FROM inp_re)
    UNION ALL SELECT 'inpatient_imaging_points_per_receipt',
        (SELECT sum(pts) FROM inp_lines WHERE ident = '70') / (SELECT count(*) FROM inp_re)
    UNION ALL SELECT 'inpatient_materials_points_per_receipt',
        (SELECT coalesce(sum(coalesce(score, 0) * times), 0) FROM inp_to) / (SELECT count(*) FROM inp_re)
    UNION ALL SELECT 'dialysis_sessions_per_1000_py_inpatient',
        (SELECT coalesce(sum(times), 0) FROM inp_si WHERE prac_act_cd IN ('140057810', '140057910', '140058010'))
        * 1000.0 / py.py FROM py WHERE py.band = 'all'
    UNION ALL SELECT 'blood_bags_per_1000_py_' || o.name,
        (SELECT coalesce(sum(use_amnt * times), 0) FROM inp_iy WHERE medicine_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM blood o, py WHERE py.band = 'all'
    UNION ALL SELECT 'devices_per_1000_py_' || o.name,
        (SELECT coalesce(sum(use_amnt), 0) FROM inp_to WHERE spcfc_dev_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM devices o, py WHERE py.band = 'all'
    UNION ALL SELECT 'inpatient_dpc_share', avg(CASE WHEN fam = 'dpc' THEN 1.0 ELSE 0 END) FROM inp_re
    UNION ALL SELECT 'ops_per_1000_py_' || o.name,
        (SELECT coalesce(sum(times), 0) FROM inp_si WHERE prac_act_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM ops o, py WHERE py.band = 'all'
    UNION ALL SELECT 'rehab_units_per_1000_py_' || o.name,
        (SELECT coalesce(sum(times), 0) FROM inp_si WHERE prac_act_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM rehab o, py WHERE py.band = 'all'
    UNION ALL SELECT 'unit_days_per_1000_py_' || o.name,
        (SELECT coalesce(sum(times), 0) FROM inp_si WHERE prac_act_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM units o, py WHERE py.band = 'all'
    UNION ALL SELECT 'ward_addon_per_1000_py_' || o.name,
        (SELECT coalesce(sum(times), 0) FROM inp_si WHERE prac_act_cd = ANY (o.codes)) * 1000.0 / py.py
      FROM addons o, py WHERE py.band = 'all'
) m ORDER BY metric;
