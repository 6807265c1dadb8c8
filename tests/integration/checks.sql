-- Invariants of a loaded hicgen dataset. Each query returns one row: a check name and the
-- number of violations, which must be 0.
SELECT 'detail rows without a receipt', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_iy
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_to
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_sy UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_co
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ho UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ko
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ir) d
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_re re WHERE re.seq2_no = d.seq2_no);
SELECT 'receipts without exactly one IR', count(*) FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_ir GROUP BY 1) ir USING (seq2_no)
  WHERE ir.n IS DISTINCT FROM 1;
SELECT 'receipts whose HO and KO records disagree with the レセプト種別 (digit 2 公費単独, digit 3 併用)', count(*)
  FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_ho GROUP BY 1) ho USING (seq2_no)
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_ko GROUP BY 1) ko USING (seq2_no)
  WHERE coalesce(ho.n, 0) <> CASE WHEN substr(re.rcp_cls, 2, 1) = '2' THEN 0 ELSE 1 END
     OR coalesce(ho.n, 0) + coalesce(ko.n, 0) <> substr(re.rcp_cls, 3, 1)::int;
-- HO carries the receipt's points; a KO those of the lines its 公費 pays for, and the last 公費
-- of a 公費単独 receipt (生活保護) pays for all of them.
SELECT 'HO total (or a 公費単独 receipt''s largest KO total) not the sum of detail points', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_med_ho
     UNION ALL SELECT seq2_no, max(total_score) FROM tnds_t_rcp_med_ko ko
       WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_ho ho WHERE ho.seq2_no = ko.seq2_no) GROUP BY 1) t
  LEFT JOIN (SELECT seq2_no, sum(score * times) AS detail FROM
             (SELECT seq2_no, score, times FROM tnds_t_rcp_med_si
              UNION ALL SELECT seq2_no, score, times FROM tnds_t_rcp_med_iy
              UNION ALL SELECT seq2_no, score, times FROM tnds_t_rcp_med_to) u GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score IS DISTINCT FROM coalesce(d.detail, 0);
SELECT 'KO total not the points of the lines its 公費 pays for (負担区分)', count(*) FROM
    (SELECT ko.seq2_no, ko.total_score,
            row_number() OVER (PARTITION BY ko.seq2_no ORDER BY ko.seq1_no) AS j,
            EXISTS (SELECT 1 FROM tnds_t_rcp_med_ho ho WHERE ho.seq2_no = ko.seq2_no) AS ins
       FROM tnds_t_rcp_med_ko ko) k
  LEFT JOIN (SELECT seq2_no, burd_div, sum(score * times) AS pts FROM
             (SELECT seq2_no, burd_div, score, times FROM tnds_t_rcp_med_si
              UNION ALL SELECT seq2_no, burd_div, score, times FROM tnds_t_rcp_med_iy
              UNION ALL SELECT seq2_no, burd_div, score, times FROM tnds_t_rcp_med_to) u
             GROUP BY 1, 2) d USING (seq2_no)
  GROUP BY k.seq2_no, k.j, k.total_score, k.ins
  HAVING k.total_score <> coalesce(sum(d.pts) FILTER (WHERE
           CASE WHEN k.ins THEN (k.j = 1 AND d.burd_div IN ('2', '4')) OR (k.j = 2 AND d.burd_div IN ('3', '4'))
                ELSE (k.j = 1 AND d.burd_div IN ('5', '7')) OR (k.j = 2 AND d.burd_div IN ('6', '7')) END), 0);
SELECT '負担区分 that does not fit the receipt''s payers', count(*) FROM
    (SELECT seq2_no, burd_div FROM tnds_t_rcp_med_si UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_med_iy
     UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_pha_iy UNION ALL SELECT seq2_no, dsc_burd_div FROM tnds_t_rcp_pha_cz
     UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_den_ss UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_dpc_si
     UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_med_to UNION ALL SELECT seq2_no, burd_div FROM tnds_t_rcp_dpc_to) l
  JOIN (SELECT seq2_no, rcp_cls FROM tnds_t_rcp_med_re UNION ALL SELECT seq2_no, rcp_cls FROM tnds_t_rcp_pha_re
        UNION ALL SELECT seq2_no, rcp_cls FROM tnds_t_rcp_den_re UNION ALL SELECT seq2_no, rcp_cls FROM tnds_t_rcp_dpc_re) re
    USING (seq2_no)
  WHERE CASE WHEN substr(re.rcp_cls, 2, 1) <> '2'
             THEN l.burd_div NOT IN ('1', '2', '3', '4') OR (l.burd_div IN ('3', '4') AND substr(re.rcp_cls, 3, 1) < '3')
                  OR (l.burd_div = '2' AND substr(re.rcp_cls, 3, 1) < '2')
             ELSE l.burd_div NOT IN ('5', '6', '7') OR (l.burd_div IN ('6', '7') AND substr(re.rcp_cls, 3, 1) < '2') END;
SELECT '公費 amounts out of range (negative, or above the points they are for)', count(*) FROM
    (SELECT total_score, pub_money, pub_money_pay_outpt_burd AS pat FROM tnds_t_rcp_med_ko
     UNION ALL SELECT total_score, pub_money, pub_money_pay_hostz_burd FROM tnds_t_rcp_dpc_ko
     UNION ALL SELECT total_score, NULL, part_burd FROM tnds_t_rcp_pha_ko) k
  WHERE pub_money < 0 OR pat < 0 OR pub_money > total_score * 10 OR coalesce(pat, 0) > total_score * 10;
SELECT '公費負担者番号 with a bad check digit or a 法別 of no programme', count(*) FROM
    (SELECT defrayer_no d FROM tnds_t_rcp_med_ko UNION ALL SELECT defrayer_no FROM tnds_t_rcp_pha_ko
     UNION ALL SELECT defrayer_no FROM tnds_t_rcp_den_ko UNION ALL SELECT defrayer_no FROM tnds_t_rcp_dpc_ko) k
  WHERE length(d) <> 8 OR substr(d, 1, 2) NOT IN ('12', '21', '52', '54', '88')
     OR substr(d, 8, 1)::int <> (10 - ((
          (2 * substr(d, 7, 1)::int) / 10 + (2 * substr(d, 7, 1)::int) % 10 + substr(d, 6, 1)::int
        + (2 * substr(d, 5, 1)::int) / 10 + (2 * substr(d, 5, 1)::int) % 10 + substr(d, 4, 1)::int
        + (2 * substr(d, 3, 1)::int) / 10 + (2 * substr(d, 3, 1)::int) % 10 + substr(d, 2, 1)::int
        + (2 * substr(d, 1, 1)::int) / 10 + (2 * substr(d, 1, 1)::int) % 10) % 10)) % 10;
SELECT '精神通院 (21) on an inpatient receipt, or without a psychiatric or epilepsy diagnosis', count(*)
  FROM tnds_t_rcp_med_ko ko JOIN tnds_t_rcp_med_re re USING (seq2_no)
  WHERE ko.defrayer_no LIKE '21%' AND (re.hostz_ymd IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM tnds_t_rcp_med_sy sy JOIN tnds_m_skwd m USING (skwd_name_cd)
      WHERE sy.seq2_no = ko.seq2_no AND (m.icd_10_1 LIKE 'F%' OR m.icd_10_1 LIKE 'G40%' OR m.icd_10_1 LIKE 'G30%')));
SELECT 'no 併用 receipts of each programme (精神通院, 指定難病, child subsidy)', 3 - count(DISTINCT substr(defrayer_no, 1, 2))
  FROM tnds_t_rcp_med_ko WHERE substr(defrayer_no, 1, 2) IN ('21', '54', '88');
SELECT 'SI codes not in the 診療行為 master', count(*) FROM tnds_t_rcp_med_si s
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_prac_act m WHERE m.prac_act_cd = s.prac_act_cd);
SELECT 'IY codes not in the 医薬品 master', count(*) FROM tnds_t_rcp_med_iy s
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_medicine m WHERE m.medicine_cd = s.medicine_cd);
SELECT 'SY codes not in the 傷病名 master', count(*) FROM tnds_t_rcp_med_sy s
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_skwd m WHERE m.skwd_name_cd = s.skwd_name_cd);
SELECT 'prostate cancer on a woman or breast cancer on a man', count(*) FROM tnds_t_rcp_med_sy s
  JOIN tnds_t_rcp_med_re re USING (seq2_no)
  WHERE (s.skwd_name_cd = '1859003' AND re.sex_div = '2') OR (s.skwd_name_cd = '1749008' AND re.sex_div = '1');
SELECT 'dementia under 40', count(*) FROM tnds_t_rcp_med_sy s JOIN tnds_t_rcp_med_re re USING (seq2_no)
  WHERE s.skwd_name_cd IN ('8842618', '8842549') AND re.age < 40;
SELECT 'persons (id5) with more than one sex or birth month', count(*) FROM (
    SELECT id5 FROM tnds_t_rcp_med_re GROUP BY id5
    HAVING count(DISTINCT sex_div) > 1 OR count(DISTINCT birth_ym) > 1) x;
SELECT 'malformed 和暦 months (prac_ym, birth_ym, hostz_ymd)', count(*) FROM tnds_t_rcp_med_re
  WHERE prac_ym !~ '^5[0-9]{2}(0[1-9]|1[0-2])$' OR birth_ym !~ '^[1-5][0-9]{2}(0[1-9]|1[0-2])$'
     OR (hostz_ymd IS NOT NULL AND hostz_ymd !~ '^[45][0-9]{2}(0[1-9]|1[0-2])[0-3][0-9]$');
SELECT 'inpatient receipts without hospital days (入院基本料 90 or 特定入院料 92)', count(*)
  FROM tnds_t_rcp_med_re re
  WHERE re.hostz_ymd IS NOT NULL AND re.seq2_no NOT IN (
    SELECT seq2_no FROM tnds_t_rcp_med_si WHERE aft_splmt_prac_ident IN ('90', '92'));
SELECT 'receipts without a main disease', count(*) FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_sy WHERE main_skwd = '01' GROUP BY 1) s
    USING (seq2_no)
  WHERE s.n IS NULL;
-- several 主傷病 on a receipt happen, but on a minority of receipts
SELECT 'receipts with several main diseases are not a minority', CASE WHEN
    count(*) FILTER (WHERE n > 1) BETWEEN 1 AND count(*) / 2 THEN 0 ELSE 1 END
  FROM (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_sy WHERE main_skwd = '01' GROUP BY 1) s;
-- 高額療養費 (population.yaml insurance.kougaku): no patient pays more than 3割, nor more than
-- the monthly limit of the 所得区分 the 特記事項 names
SELECT '医科 burden above 3割 of the total', count(*) FROM tnds_t_rcp_med_ho
  WHERE medi_insu > round(total_score * 10 * 0.3 / 10) * 10 + 10;
SELECT '医科 burden above the limit of its 特記事項 所得区分', count(*)
  FROM tnds_t_rcp_med_re re JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
  WHERE ho.medi_insu > CASE re.rcpt_imptt_noti
      WHEN '26' THEN 252600 + greatest(ho.total_score * 10 - 842000, 0) / 100 + 1
      WHEN '27' THEN 167400 + greatest(ho.total_score * 10 - 558000, 0) / 100 + 1
      WHEN '28' THEN 80100 + greatest(ho.total_score * 10 - 267000, 0) / 100 + 1
      WHEN '29' THEN 57600 WHEN '41' THEN 57600 WHEN '42' THEN 57600 WHEN '30' THEN 35400
      ELSE 1e9 END;
SELECT 'no 特記事項 of a 所得区分 at all', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END
  FROM tnds_t_rcp_med_re WHERE rcpt_imptt_noti IN ('26', '27', '28', '29', '30', '41', '42');
SELECT 'insurer numbers with a bad 法別 for 後期 receipts', count(*) FROM tnds_t_rcp_med_re re
  JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
  WHERE substr(re.rcp_cls, 2, 1) = '3' AND ho.insurer_no_org NOT LIKE '39%';
SELECT 'no insurer changes at all (id5 with several id1)', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM (
    SELECT id5 FROM tnds_t_rcp_med_re GROUP BY id5 HAVING count(DISTINCT id1) > 1) x;
SELECT '調剤 rows without a receipt', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_pha_yk UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_ho
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_ko UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_sh
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_cz UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_iy
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_pha_ki) d
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_pha_re re WHERE re.seq2_no = d.seq2_no);
SELECT '調剤 IY without its SH and CZ (prspt_no, prspt_sub_no)', count(*) FROM tnds_t_rcp_pha_iy i
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_pha_cz c WHERE c.seq2_no = i.seq2_no
                    AND c.prspt_no = i.prspt_no AND c.prspt_sub_no = i.prspt_sub_no)
     OR NOT EXISTS (SELECT 1 FROM tnds_t_rcp_pha_sh s WHERE s.seq2_no = i.seq2_no
                    AND s.prspt_no = i.prspt_no AND s.prspt_sub_no = i.prspt_sub_no);
SELECT '調剤 HO total (or largest KO total without HO) not fees + drug points', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_pha_ho UNION ALL
     SELECT seq2_no, max(total_score) FROM tnds_t_rcp_pha_ko ko
       WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_pha_ho ho WHERE ho.seq2_no = ko.seq2_no) GROUP BY 1) t
  LEFT JOIN (SELECT seq2_no, sum(s) AS s FROM (
        SELECT seq2_no, coalesce(dsc_score, 0) + drc_score
                        + coalesce(adc01_score, 0) + coalesce(adc02_score, 0) + coalesce(adc03_score, 0) + coalesce(adc04_score, 0) + coalesce(adc05_score, 0) + coalesce(adc06_score, 0) + coalesce(adc07_score, 0) + coalesce(adc08_score, 0) + coalesce(adc09_score, 0) + coalesce(adc10_score, 0) AS s
          FROM tnds_t_rcp_pha_cz
        UNION ALL SELECT seq2_no, dbc_score + coalesce(pmc01_score * pmc01_times, 0) + coalesce(pmc02_score * pmc02_times, 0) + coalesce(pmc03_score * pmc03_times, 0) + coalesce(pmc04_score * pmc04_times, 0) + coalesce(pmc05_score * pmc05_times, 0) + coalesce(pmc06_score * pmc06_times, 0) + coalesce(pmc07_score * pmc07_times, 0) + coalesce(pmc08_score * pmc08_times, 0) + coalesce(pmc09_score * pmc09_times, 0) + coalesce(pmc10_score * pmc10_times, 0) + coalesce(pmc11_score * pmc11_times, 0) + coalesce(pmc12_score * pmc12_times, 0) + coalesce(spmc01_score * spmc01_times, 0) + coalesce(spmc02_score * spmc02_times, 0) + coalesce(spmc03_score * spmc03_times, 0) + coalesce(dba01_score * dba01_times, 0) + coalesce(dba02_score * dba02_times, 0) + coalesce(dba03_score * dba03_times, 0) + coalesce(dba04_score * dba04_times, 0) + coalesce(dba05_score * dba05_times, 0) + coalesce(dba06_score * dba06_times, 0) + coalesce(dba07_score * dba07_times, 0) + coalesce(dba08_score * dba08_times, 0) + coalesce(dba09_score * dba09_times, 0) + coalesce(dba10_score * dba10_times, 0)
          FROM tnds_t_rcp_pha_ki) u
      GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score IS DISTINCT FROM d.s;
-- (a home-visit patient's 処方箋料 is included in 在宅時医学総合管理料 or 施設入居時等医学総合管理料)
-- (or 小児科外来診療料 (処方箋を交付), which includes the 処方箋料)
SELECT '調剤 receipts with no 医科 処方箋料 (or 総合管理料) by the same prescriber, person and month', count(*)
  FROM tnds_t_rcp_pha_re p
  WHERE NOT EXISTS (
    SELECT 1 FROM tnds_t_rcp_med_re m
    JOIN tnds_t_rcp_med_ir ir ON ir.seq2_no = m.seq2_no
    JOIN tnds_t_rcp_med_si si ON si.seq2_no = m.seq2_no
                             AND si.prac_act_cd IN ('120002910', '120002710', '114032810', '114037710',
                                                    '113003510', '113003610')
    WHERE m.id5 = p.id5 AND m.prac_ym = p.prac_ym AND ir.medi_inst_cd = p.medi_inst);
SELECT '調剤 injections that are not self-injected (given at the clinic, never dispensed)', count(*)
  FROM tnds_t_rcp_pha_iy i JOIN tnds_m_medicine m USING (medicine_cd)
  WHERE m.dsg_frm = '4' AND i.medicine_cd NOT IN (SELECT medicine_cd FROM self_injection);
SELECT '医科 injections under a 診療識別 other than 注射 (31 皮下筋肉内, 32 静脈内, 33 その他)', count(*)
  FROM tnds_t_rcp_med_iy i JOIN tnds_m_medicine m USING (medicine_cd)
  WHERE m.dsg_frm = '4' AND i.prac_ident IS NOT NULL AND i.prac_ident NOT IN ('31', '32', '33');
SELECT 'no injection given at a clinic with its 注射料', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END
  FROM tnds_t_rcp_med_si s WHERE s.prac_act_cd IN ('130012010', '130005310', '130009310');
SELECT '調剤 drugs not in the 医薬品 master', count(*) FROM tnds_t_rcp_pha_iy i
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_medicine m WHERE m.medicine_cd = i.medicine_cd);
SELECT '調剤 fee codes not in the 調剤行為 master', count(*) FROM tnds_t_rcp_pha_cz c
  WHERE c.dsc_cd IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tnds_m_dspng_act m WHERE m.dspng_act_cd = c.dsc_cd);
-- 特定健診: 服薬1-3 = はい exactly when there are drug claims of the class (院内 on 医科, 院外 on
-- 調剤) within three months of the checkup month. drug_class (loaded by run.sh from the masters):
-- the drugs of each class.
WITH claims AS (
    SELECT re.id5, re.prac_ym, iy.medicine_cd
    FROM tnds_t_rcp_med_iy iy JOIN tnds_t_rcp_med_re re USING (seq2_no)
    UNION ALL
    SELECT re.id5, re.prac_ym, iy.medicine_cd
    FROM tnds_t_rcp_pha_iy iy JOIN tnds_t_rcp_pha_re re USING (seq2_no)),
cm AS (
    SELECT DISTINCT id5, dc.cls, (CASE substr(prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END
                     + substr(prac_ym, 2, 2)::int) * 12 + substr(prac_ym, 4, 2)::int AS m
    FROM claims JOIN drug_class dc USING (medicine_cd)),
ck AS (
    SELECT b.seq1_no, b.id5, substr(b.mee_ymd, 1, 4)::int * 12 + substr(b.mee_ymd, 5, 2)::int AS m,
           CASE e.cd WHEN '9N701000000000011' THEN 1 WHEN '9N706000000000011' THEN 2 ELSE 3 END AS cls,
           e.value_cd
    FROM tnds_t_tokken_base b JOIN tnds_t_tokken_exam e USING (seq1_no)
    WHERE e.cd IN ('9N701000000000011', '9N706000000000011', '9N711000000000011'))
SELECT '服薬 answers that disagree with the claims', count(*) FROM ck
  WHERE (value_cd = '1') <> EXISTS (
    SELECT 1 FROM cm WHERE cm.id5 = ck.id5 AND abs(cm.m - ck.m) <= 3 AND cm.cls = ck.cls);
-- 保健指導レベル equals the 階層化 rule (formats.md §4.6) applied to the values and answers.
WITH v AS (
    SELECT b.seq1_no, b.testee_sex_cd AS sex, b.age,
           max(e.val) FILTER (WHERE e.cd = '9N016160100000001') AS waist,
           max(e.val) FILTER (WHERE e.cd = '9N011000000000001') AS bmi,
           max(e.val) FILTER (WHERE e.cd = '3D010000002227101') AS fpg,
           max(e.val) FILTER (WHERE e.cd = '3D046000001906202') AS a1c,
           max(e.val) FILTER (WHERE e.cd = '3F015000002327101') AS tg,
           max(e.val) FILTER (WHERE e.cd = '3F070000002327101') AS hdl,
           max(e.val) FILTER (WHERE e.cd = '9A751000000000001') AS sbp,
           max(e.val) FILTER (WHERE e.cd = '9A761000000000001') AS dbp,
           max(e.value_cd) FILTER (WHERE e.cd = '9N736000000000011') AS smoke,
           bool_or(e.value_cd = '1') FILTER (WHERE e.cd IN ('9N701000000000011', '9N706000000000011', '9N711000000000011')) AS meds,
           max(e.value_cd) FILTER (WHERE e.cd = '9N506000000000011') AS level
    FROM tnds_t_tokken_base b JOIN tnds_t_tokken_exam e USING (seq1_no)
    GROUP BY 1, 2, 3),
r AS (
    SELECT *, (fpg >= 100 OR a1c >= 5.6)::int + (tg >= 150 OR hdl < 40)::int + (sbp >= 130 OR dbp >= 85)::int AS risks,
           waist >= CASE sex WHEN '1' THEN 85 ELSE 90 END AS a
    FROM v),
l AS (
    SELECT *, CASE
        WHEN meds THEN 3
        WHEN a AND (risks >= 2 OR (risks = 1 AND smoke = '1')) THEN 1
        WHEN a AND risks = 1 THEN 2
        WHEN NOT a AND bmi >= 25 AND (risks >= 3 OR (risks = 2 AND smoke = '1')) THEN 1
        WHEN NOT a AND bmi >= 25 AND risks >= 1 THEN 2
        ELSE 3 END AS rule
    FROM r)
SELECT '保健指導レベル not equal to the rule', count(*) FROM l
  WHERE level::int <> CASE WHEN rule = 1 AND age >= 65 THEN 2 ELSE rule END;
SELECT '保健指導 without a checkup assigning it', count(*) FROM tnds_t_thoken_base h
  LEFT JOIN tnds_t_tokken_exam e ON e.seq1_no = h.mee_seq1_no AND e.cd = '9N506000000000011'
  WHERE e.value_cd IS NULL OR e.value_cd NOT IN ('1', '2');
SELECT 'checkups outside 40-74 at the end of the fiscal year', count(*) FROM tnds_t_tokken_base
  WHERE age < 39 OR age > 74;
-- DPC: totals, dates and structure.
SELECT 'DPC HO total (or largest KO total without HO) not 包括 + 出来高', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_dpc_ho UNION ALL SELECT seq2_no, max(total_score) FROM tnds_t_rcp_dpc_ko ko
       WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_dpc_ho ho WHERE ho.seq2_no = ko.seq2_no) GROUP BY 1) t
  JOIN tnds_t_rcp_dpc_gt gt USING (seq2_no)
  LEFT JOIN (SELECT seq2_no, sum(score * times) AS s FROM
             (SELECT seq2_no, score, times FROM tnds_t_rcp_dpc_si UNION ALL
              SELECT seq2_no, score, times FROM tnds_t_rcp_dpc_iy UNION ALL
              SELECT seq2_no, score, times FROM tnds_t_rcp_dpc_to) u GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score <> gt.this_incsn_ttl_score + coalesce(d.s, 0);
-- (包括 days are the month's days in hospital up to the end of 入院期間III; later ones 出来高)
SELECT 'DPC 包括 subtotals that do not add up', count(*) FROM tnds_t_rcp_dpc_gt gt
  JOIN (SELECT seq2_no, sum(incsn_sbttl_score) s, sum(hostz_prd_div_days) days FROM tnds_t_rcp_dpc_hh GROUP BY 1) hh USING (seq2_no)
  JOIN tnds_t_rcp_dpc_ho ho USING (seq2_no)
  WHERE gt.incsn_sbttl_score_sum <> hh.s OR hh.days > ho.prac_true_days;
SELECT 'DPC receipts with days in hospital neither 包括 nor billed a ward fee (出来高)', count(*)
  FROM tnds_t_rcp_dpc_ho ho
  LEFT JOIN (SELECT seq2_no, sum(hostz_prd_div_days) AS n FROM tnds_t_rcp_dpc_hh GROUP BY 1) hh USING (seq2_no)
  LEFT JOIN (SELECT seq2_no, sum(times) AS n FROM tnds_t_rcp_dpc_si
             WHERE aft_splmt_prac_ident IN ('90', '92') AND prac_act_cd LIKE '190%'
               AND prac_act_cd NOT IN (SELECT prac_act_cd FROM ward_period)
             GROUP BY 1) w USING (seq2_no)
  WHERE coalesce(hh.n, 0) + coalesce(w.n, 0) <> ho.prac_true_days;
SELECT 'DPC admission dates that disagree between RE and BU, or discharge before admission', count(*)
  FROM tnds_t_rcp_dpc_re re JOIN tnds_t_rcp_dpc_bu bu USING (seq2_no)
  WHERE re.hostz_ymd IS DISTINCT FROM bu.this_hostz_ymd OR bu.this_dschg_ymd < bu.this_hostz_ymd
     OR substr(bu.this_dschg_ymd, 1, 5) > re.prac_ym;
SELECT 'DPC codes not in the DPC master or not 14 characters', count(*) FROM tnds_t_rcp_dpc_bu bu
  WHERE length(bu.diag_grp_cls_no) <> 14 OR NOT EXISTS (SELECT 1 FROM tnds_m_dpc m WHERE m.dpc_cd = bu.diag_grp_cls_no);
SELECT 'DPC coding data outside the stay or the month', count(*) FROM tnds_t_rcp_dpc_cd cd
  JOIN tnds_t_rcp_dpc_bu bu USING (seq2_no)
  WHERE cd.oprtn_ymd < bu.this_hostz_ymd OR cd.oprtn_ymd > coalesce(bu.this_dschg_ymd, '9999999')
     OR substr(cd.oprtn_ymd, 1, 5) <> cd.prac_ym;
SELECT 'DPC receipts without exactly one 主傷病 (SB 01) or with ICD-10 missing', count(*) FROM tnds_t_rcp_dpc_re re
  LEFT JOIN (SELECT seq2_no, count(*) FILTER (WHERE skwd_name_div = '01') AS n, bool_or(icd10_cd IS NULL) AS miss
             FROM tnds_t_rcp_dpc_sb GROUP BY 1) sb USING (seq2_no)
  WHERE sb.n IS DISTINCT FROM 1 OR sb.miss;
-- (in consecutive months: a stay whose 包括 has ended goes on on 医科 receipts, below)
SELECT 'a stay with different admission dates across its monthly DPC receipts', count(*) FROM (
    SELECT re.id5, bu.diag_grp_cls_no, re.prac_ym, bu.this_hostz_ymd,
           ((CASE substr(re.prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END)
            + substr(re.prac_ym, 2, 2)::int) * 12 + substr(re.prac_ym, 4, 2)::int AS ym,
           lag(bu.this_hostz_ymd) OVER w AS prev_admit, lag(bu.this_dschg_ymd) OVER w AS prev_dschg,
           lag(((CASE substr(re.prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END)
                + substr(re.prac_ym, 2, 2)::int) * 12 + substr(re.prac_ym, 4, 2)::int) OVER w AS prev_ym
    FROM tnds_t_rcp_dpc_re re JOIN tnds_t_rcp_dpc_bu bu USING (seq2_no)
    WINDOW w AS (PARTITION BY re.id5 ORDER BY re.prac_ym, bu.this_hostz_ymd)) x
  WHERE prev_admit IS NOT NULL AND prev_dschg IS NULL AND prev_admit <> this_hostz_ymd
    AND ym = prev_ym + 1;
-- a month of a DPC stay after its 包括 (入院期間III passed, or a transfer to a ward outside DPC)
-- is a 医科入院 receipt: every DPC receipt has 包括 days
SELECT 'DPC receipts without a 包括 day', count(*) FROM tnds_t_rcp_dpc_re re
  LEFT JOIN (SELECT seq2_no, sum(hostz_prd_div_days) AS n FROM tnds_t_rcp_dpc_hh GROUP BY 1) hh USING (seq2_no)
  WHERE coalesce(hh.n, 0) = 0;
-- the 包括 ends with 入院期間III: its days (HH) and the stay's days before the month never pass
-- days3 (before, stays were paid per day up to 180 days); the later days are 出来高
SELECT 'DPC 包括 days after 入院期間III', count(*) FROM (
    SELECT re.seq2_no, m.days3, sum(hh.hostz_prd_div_days) AS n,
           greatest(0, make_date((CASE substr(re.prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END)
                                 + substr(re.prac_ym, 2, 2)::int, substr(re.prac_ym, 4, 2)::int, 1)
                       - make_date((CASE substr(bu.this_hostz_ymd, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END)
                                   + substr(bu.this_hostz_ymd, 2, 2)::int,
                                   substr(bu.this_hostz_ymd, 4, 2)::int,
                                   substr(bu.this_hostz_ymd, 6, 2)::int)) AS before
    FROM tnds_t_rcp_dpc_re re JOIN tnds_t_rcp_dpc_bu bu USING (seq2_no)
    JOIN tnds_m_dpc m ON m.dpc_cd = bu.diag_grp_cls_no
    JOIN tnds_t_rcp_dpc_hh hh USING (seq2_no)
    GROUP BY re.seq2_no, m.days3, re.prac_ym, bu.this_hostz_ymd) x
  WHERE x.before + x.n > x.days3;
-- operations (masters/med/stay_procedures.csv): a DPC code with a 手術 branch (digits 9-10 not
-- 99) comes with an operation billed in the stay (one admitted within the data: a stay in
-- progress at the start had its operation before), an operation comes with such a code, and
-- 手術 and 麻酔 are billed 出来高 beside the 包括, never as its coding data. A transfusion (K920
-- 輸血, in the 手術 part of the 点数表) is no operation of the DPC tree's 手術 branches
SELECT 'DPC stays whose 手術 branch disagrees with the operations billed', count(*) FROM (
    SELECT re.id5, bu.this_hostz_ymd, bool_or(substr(bu.diag_grp_cls_no, 9, 2) <> '99') AS coded,
           bool_or(substr(bu.this_hostz_ymd, 1, 5) = re.prac_ym) AS admitted_in_data,
           bool_or(EXISTS (SELECT 1 FROM tnds_t_rcp_dpc_si si JOIN tnds_m_prac_act a USING (prac_act_cd)
                           WHERE si.seq2_no = re.seq2_no AND si.aft_splmt_prac_ident = '50'
                             AND a.cln_div_no IS DISTINCT FROM '920')) AS operated
    FROM tnds_t_rcp_dpc_re re JOIN tnds_t_rcp_dpc_bu bu USING (seq2_no)
    WHERE substr(bu.diag_grp_cls_no, 9, 2) <> 'xx'
    GROUP BY 1, 2) x
  WHERE coded <> operated AND admitted_in_data;
SELECT 'DPC coding data of an operation or its anaesthesia (they are 出来高)', count(*)
  FROM tnds_t_rcp_dpc_cd WHERE prac_ident IN ('50', '54');
SELECT 'caesarean sections of men or outside ages 15-50', count(*) FROM (
    SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_med_si UNION ALL SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_dpc_si) si
  JOIN (SELECT seq2_no, sex_div, age FROM tnds_t_rcp_med_re UNION ALL SELECT seq2_no, sex_div, age FROM tnds_t_rcp_dpc_re) re USING (seq2_no)
  WHERE si.prac_act_cd IN ('150222110', '150222210') AND (re.sex_div <> '2' OR re.age NOT BETWEEN 15 AND 50);
SELECT 'general anaesthesia without an operation on an inpatient receipt', count(*) FROM (
    SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_med_si
    WHERE seq2_no IN (SELECT seq2_no FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('1', '3', '5', '7', '9'))
    UNION ALL SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_dpc_si) si
  WHERE si.prac_act_cd = '150233410' AND NOT EXISTS (
    SELECT 1 FROM (SELECT seq2_no, aft_splmt_prac_ident FROM tnds_t_rcp_med_si UNION ALL
                   SELECT seq2_no, aft_splmt_prac_ident FROM tnds_t_rcp_dpc_si) k
    WHERE k.seq2_no = si.seq2_no AND k.aft_splmt_prac_ident = '50');
-- 歯科
SELECT '歯科 HO total (or largest KO total without HO) not the sum of SS and IY', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_den_ho UNION ALL SELECT seq2_no, max(total_score) FROM tnds_t_rcp_den_ko ko
       WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_den_ho ho WHERE ho.seq2_no = ko.seq2_no) GROUP BY 1) t
  LEFT JOIN (SELECT seq2_no, sum(score * times) s FROM
             (SELECT seq2_no, score, times FROM tnds_t_rcp_den_ss UNION ALL
              SELECT seq2_no, score, times FROM tnds_t_rcp_den_iy) u GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score IS DISTINCT FROM d.s;
SELECT '歯科 procedure codes not in the dental master', count(*) FROM tnds_t_rcp_den_ss s
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_den_base m WHERE m.prac_act_cd = s.prac_act_cd);
SELECT '歯科 receipts without an HS disease row', count(*) FROM tnds_t_rcp_den_re re
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_den_hs hs WHERE hs.seq2_no = re.seq2_no);
SELECT '歯科 periodontitis in children, or a start of care after the month', count(*) FROM tnds_t_rcp_den_hs hs
  JOIN tnds_t_rcp_den_re re USING (seq2_no)
  WHERE (hs.skwd_name_cd = '5234016' AND re.age < 15) OR substr(re.cnslt_str_ymd, 1, 5) > re.prac_ym;
-- 長期管理加算 (CB032, CB033) rides on the 歯科疾患管理料 only after the 初診 month, and the
-- かかりつけ歯科医機能強化型 加算 of SPT (CI012) only at clinics whose 長期管理加算 is the 強化型 one
SELECT '歯科 長期管理加算 in the 初診 month, or on another act', count(*) FROM tnds_t_rcp_den_ss
  WHERE ('CB032' IN (add01_cd, add02_cd, add03_cd) OR 'CB033' IN (add01_cd, add02_cd, add03_cd))
    AND prac_act_cd <> '302000110';
SELECT '歯科 強化型 and ordinary 長期管理加算 at one clinic', count(*) FROM
    (SELECT ir.tdfk, ir.medi_inst_cd FROM tnds_t_rcp_den_ss ss JOIN tnds_t_rcp_den_ir ir USING (seq2_no)
     WHERE ss.prac_act_cd = '302000110' AND ('CB032' IN (add01_cd, add02_cd) OR 'CB033' IN (add01_cd, add02_cd))
     GROUP BY 1, 2 HAVING count(DISTINCT CASE WHEN 'CB032' IN (add01_cd, add02_cd) THEN 1 ELSE 0 END) > 1) x;
-- 処方料 and 調剤料 come with the drugs of the visit (dental.yaml codes.prescription), never apart
SELECT '歯科 処方料 without a drug, or a drug without 処方料, on a receipt', count(*) FROM tnds_t_rcp_den_re re
  WHERE EXISTS (SELECT 1 FROM tnds_t_rcp_den_iy iy WHERE iy.seq2_no = re.seq2_no)
     <> EXISTS (SELECT 1 FROM tnds_t_rcp_den_ss ss WHERE ss.seq2_no = re.seq2_no AND ss.prac_act_cd = '306000710');
-- a crown or an inlay is set (装着) with the restoration itself, and a crown follows its
-- preparation with impression and bite (course_acts.csv `with`)
SELECT '歯科 装着 (歯冠修復) without a crown or inlay on its receipt', count(*) FROM tnds_t_rcp_den_ss s
  WHERE s.prac_act_cd = '313024110' AND NOT EXISTS (SELECT 1 FROM tnds_t_rcp_den_ss c
    WHERE c.seq2_no = s.seq2_no AND c.prac_act_cd IN ('313010510', '313010810', '313013810', '313025510',
                                                      '313030310', '313036610'));
-- No claim of any family, and no checkup, after a month in which the person died (転帰 3).
WITH died AS (
    SELECT id5, min(prac_ym) AS ym FROM (
        SELECT re.id5, re.prac_ym FROM tnds_t_rcp_med_sy sy JOIN tnds_t_rcp_med_re re USING (seq2_no)
        WHERE sy.outcm_div = '3'
        UNION ALL
        SELECT re.id5, re.prac_ym FROM tnds_t_rcp_dpc_sy sy JOIN tnds_t_rcp_dpc_re re USING (seq2_no)
        WHERE sy.outcm_div = '3') x GROUP BY 1),
everything AS (
    SELECT id5, prac_ym FROM tnds_t_rcp_med_re UNION ALL SELECT id5, prac_ym FROM tnds_t_rcp_dpc_re
    UNION ALL SELECT id5, prac_ym FROM tnds_t_rcp_pha_re UNION ALL SELECT id5, prac_ym FROM tnds_t_rcp_den_re)
SELECT 'claims after the month of death', count(*) FROM everything e JOIN died d USING (id5)
  WHERE e.prac_ym > d.ym;
-- Children born during the period (population.yaml births: 3,000 persons × 12 months expect 19)
-- are insured from birth and have claims only from the month after it; and some have claims.
SELECT 'claims in or before the month of birth', count(*) FROM (
    SELECT prac_ym, birth_ym FROM tnds_t_rcp_med_re UNION ALL SELECT prac_ym, birth_ym FROM tnds_t_rcp_dpc_re
    UNION ALL SELECT prac_ym, birth_ym FROM tnds_t_rcp_pha_re UNION ALL SELECT prac_ym, birth_ym FROM tnds_t_rcp_den_re) e
  WHERE e.prac_ym <= e.birth_ym;
SELECT 'no child born during the period has a claim', CASE WHEN EXISTS (
    SELECT 1 FROM tnds_t_rcp_med_re WHERE birth_ym >= (SELECT min(prac_ym) FROM tnds_t_rcp_med_re))
  THEN 0 ELSE 1 END;
-- 介護DB
SELECT '介護 claims whose detail or aggregate units differ from the basic record', count(*) FROM kdb_t_kyufu_kihon k
  LEFT JOIN (SELECT seikyu_id, sum(service_tanisu) u FROM kdb_t_kyufu_meisai GROUP BY 1) m USING (seikyu_id)
  LEFT JOIN kdb_t_kyufu_shukei s USING (seikyu_id)
  WHERE k.hoken_service_tanisu IS DISTINCT FROM m.u OR k.hoken_service_tanisu IS DISTINCT FROM s.hoken_tanisu_gokei
     OR k.hoken_seikyu_gaku IS DISTINCT FROM s.hoken_seikyu_gaku;
SELECT '介護 請求額 and 利用者負担 not consistent with the unit price and benefit rate', count(*) FROM kdb_t_kyufu_kihon k
  JOIN kdb_t_kyufu_shukei s USING (seikyu_id)
  WHERE k.hoken_seikyu_gaku + k.hoken_riyosha_futan <> (k.hoken_service_tanisu * s.hoken_tanisu_tanka) / 100
     OR k.hoken_seikyu_gaku <> ((k.hoken_service_tanisu * s.hoken_tanisu_tanka) / 100) * k.hoken_kyufu_ritsu / 100;
SELECT '介護 claims outside the certification validity', count(*) FROM kdb_t_kyufu_kihon
  WHERE nintei_yuko_kaishi > service_teikyo_ym || '31' OR nintei_yuko_shuryo < service_teikyo_ym || '01';
SELECT '介護 home-service units over the 区分支給限度基準額', count(*) FROM (
    SELECT k.id5, k.service_teikyo_ym, k.yokaigo_kbn_cd, sum(k.hoken_service_tanisu) u
    FROM kdb_t_kyufu_kihon k JOIN kdb_t_kyufu_shukei s USING (seikyu_id)
    WHERE s.service_shurui_cd NOT IN ('43', '46', '51', '52', '55')
    GROUP BY 1, 2, 3) x
  JOIN (VALUES ('12', 5032), ('13', 10531), ('21', 16765), ('22', 19705), ('23', 27048), ('24', 30938), ('25', 36217))
       AS lim(lvl, units) ON lim.lvl = x.yokaigo_kbn_cd
  WHERE x.u > lim.units;
SELECT '介護 services not allowed for the level (予防 for 要支援, 介護 for 要介護)', count(*) FROM kdb_t_kyufu_kihon k
  JOIN kdb_t_kyufu_shukei s USING (seikyu_id)
  WHERE (k.yokaigo_kbn_cd IN ('12', '13')) <> (s.service_shurui_cd IN ('46', '63', '66', '67'));
SELECT '介護 home services in a month spent wholly in a facility', count(*) FROM kdb_t_kyufu_kihon f
  JOIN kdb_t_kyufu_kihon h ON h.id5 = f.id5 AND h.service_teikyo_ym = f.service_teikyo_ym AND h.nyusho_ymd IS NULL
  WHERE f.nyusho_ymd IS NOT NULL AND f.nyusho_ymd < f.service_teikyo_ym || '01'
    AND f.nyusho_jitsu_nissu = extract(day FROM (to_date(f.service_teikyo_ym, 'YYYYMM') + interval '1 month - 1 day'));
SELECT '要介護5 who walk unaided, or 要支援1 who cannot walk', count(*) FROM kdb_t_nintei n
  JOIN kdb_t_nintei_chosa c USING (nintei_id)
  WHERE c.chosa_komoku_no = 14 AND ((n.niji_hantei = '25' AND c.kaito = 1) OR (n.niji_hantei = '12' AND c.kaito = 3));
SELECT '介護 certifications without 74 survey items, or with a validity before the application', count(*) FROM kdb_t_nintei n
  LEFT JOIN (SELECT nintei_id, count(*) k FROM kdb_t_nintei_chosa GROUP BY 1) c USING (nintei_id)
  WHERE c.k IS DISTINCT FROM 74 OR (n.niji_hantei <> '01' AND n.yuko_kaishi_ymd < n.shinsei_ymd);
SELECT '介護 persons whose sex differs from their NDB receipts (id5 link)', count(*) FROM
    (SELECT DISTINCT id5, seibetsu_cd FROM kdb_t_nintei) n
  JOIN (SELECT DISTINCT id5, sex_div FROM tnds_t_rcp_med_re) m USING (id5)
  WHERE n.seibetsu_cd <> m.sex_div;
SELECT '介護 claims after the month of death', count(*) FROM kdb_t_kyufu_kihon k
  JOIN (SELECT re.id5, min(re.prac_ym) ym FROM tnds_t_rcp_med_sy sy JOIN tnds_t_rcp_med_re re USING (seq2_no)
        WHERE sy.outcm_div = '3' GROUP BY 1) d USING (id5)
  WHERE k.service_teikyo_ym > ((CASE substr(d.ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END + substr(d.ym, 2, 2)::int)::text || substr(d.ym, 4, 2));
-- Facility residents (要介護3-5, a facility claim for the month) have fewer 医科 outpatient
-- receipts per person-month than people at the same levels living at home (0 = as expected).
WITH pm AS (
    SELECT id5, service_teikyo_ym AS ym, bool_or(nyusho_ymd IS NOT NULL) AS facility
    FROM kdb_t_kyufu_kihon WHERE yokaigo_kbn_cd >= '23' GROUP BY 1, 2),
op AS (
    SELECT id5, ((CASE substr(prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END + substr(prac_ym, 2, 2)::int)::text
                 || substr(prac_ym, 4, 2)) AS ym, count(*) n
    FROM tnds_t_rcp_med_re WHERE hostz_ymd IS NULL GROUP BY 1, 2),
rates AS (
    SELECT pm.facility, avg(coalesce(op.n, 0)) AS r FROM pm LEFT JOIN op USING (id5, ym) GROUP BY 1)
SELECT 'facility residents see doctors as often as people at home', CASE WHEN
    (SELECT r FROM rates WHERE facility) < 0.8 * (SELECT r FROM rates WHERE NOT facility) THEN 0 ELSE 1 END;
-- Facility days and hospital days of a month never overlap: facility days + inpatient days
-- (医科 and DPC) fit in the month.
WITH fac AS (
    SELECT id5, service_teikyo_ym AS ym, sum(nyusho_jitsu_nissu) AS days FROM kdb_t_kyufu_kihon
    WHERE nyusho_ymd IS NOT NULL GROUP BY 1, 2),
hosp AS (
    SELECT re.id5, ((CASE substr(re.prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END + substr(re.prac_ym, 2, 2)::int)::text
                    || substr(re.prac_ym, 4, 2)) AS ym, sum(h.prac_true_days) AS days
    FROM (SELECT seq2_no, id5, prac_ym, hostz_ymd FROM tnds_t_rcp_med_re
          UNION ALL SELECT seq2_no, id5, prac_ym, hostz_ymd FROM tnds_t_rcp_dpc_re) re
    JOIN (SELECT seq2_no, max(prac_true_days) AS prac_true_days FROM
            (SELECT seq2_no, prac_true_days FROM tnds_t_rcp_med_ho UNION ALL SELECT seq2_no, prac_true_days FROM tnds_t_rcp_med_ko
             UNION ALL SELECT seq2_no, prac_true_days FROM tnds_t_rcp_dpc_ho UNION ALL SELECT seq2_no, prac_true_days FROM tnds_t_rcp_dpc_ko) u
          GROUP BY 1) h USING (seq2_no)
    WHERE re.hostz_ymd IS NOT NULL GROUP BY 1, 2)
SELECT 'facility days that overlap hospital days', count(*) FROM fac JOIN hosp USING (id5, ym)
  WHERE fac.days + hosp.days > extract(day FROM (to_date(ym, 'YYYYMM') + interval '1 month - 1 day'));
-- 在宅医療: 訪問診療 only for persons certified for care that month (med.yaml home_care), the
-- month's 総合管理料 at most once and never with 特定疾患療養管理料 (it includes it).
SELECT '訪問診療 without a care certification in force in the month', count(*) FROM (
    SELECT DISTINCT re.id5, ((CASE substr(re.prac_ym, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END
                              + substr(re.prac_ym, 2, 2)::int)::text || substr(re.prac_ym, 4, 2)) AS ym
    FROM tnds_t_rcp_med_si si JOIN tnds_t_rcp_med_re re USING (seq2_no)
    WHERE si.prac_act_cd IN ('114001110', '114030310')) v
  -- the 介護DB holds the applications of the period: a month before the first one shown may
  -- fall in an earlier certification
  WHERE v.ym || '01' >= (SELECT min(n.yuko_kaishi_ymd) FROM kdb_t_nintei n WHERE n.id5 = v.id5
                         AND n.niji_hantei <> '01')
    AND NOT EXISTS (SELECT 1 FROM kdb_t_nintei n WHERE n.id5 = v.id5 AND n.niji_hantei <> '01'
                    AND n.yuko_kaishi_ymd <= v.ym || '01' AND n.yuko_shuryo_ymd >= v.ym || '01');
SELECT '総合管理料 more than once a receipt, or with 特定疾患療養管理料, 処方箋料 or 投薬', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si
    GROUP BY seq2_no
    HAVING sum(times) FILTER (WHERE prac_act_cd IN ('114032810', '114037710')) > 1
        OR (sum(times) FILTER (WHERE prac_act_cd IN ('114032810', '114037710')) >= 1
            AND (sum(times) FILTER (WHERE prac_act_cd IN ('113001810', '113001910', '113002010',
                                                          '120002910', '120002710')) >= 1
                 OR EXISTS (SELECT 1 FROM tnds_t_rcp_med_iy iy WHERE iy.seq2_no = tnds_t_rcp_med_si.seq2_no
                            AND iy.prac_ident IN ('21', '22', '23'))))) x;
SELECT 'no 訪問診療 at all', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END
  FROM tnds_t_rcp_med_si WHERE prac_act_cd IN ('114001110', '114030310');
-- 特定疾患療養管理料 (clinic, hospital < 100 beds, 100-199 beds) at most twice a month, and never
-- with 生活習慣病管理料 (which includes it): the fee rules bill both, the catalogue neither
SELECT '特定疾患療養管理料 more than twice a receipt, or with 生活習慣病管理料', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si
    GROUP BY seq2_no
    HAVING sum(times) FILTER (WHERE prac_act_cd IN ('113001810', '113001910', '113002010')) > 2
        OR (sum(times) FILTER (WHERE prac_act_cd IN ('113001810', '113001910', '113002010')) >= 1
            AND sum(times) FILTER (WHERE prac_act_cd IN ('113041710', '113041810', '113041910')) >= 1)) x;
-- 在宅自己注射指導管理料 only at a visit that prescribes a self-injected product (on the receipt,
-- or on a 処方箋: a pharmacy may fill it next month, or never; a home-visit patient's 処方箋料 is
-- included in 総合管理料), once a month
SELECT '在宅自己注射指導管理料 without a self-injected product or a 処方箋, or twice a month', count(*) FROM (
    SELECT si.seq2_no FROM tnds_t_rcp_med_si si
    WHERE si.prac_act_cd IN ('114040610', '114028410')
    GROUP BY si.seq2_no
    HAVING sum(si.times) > 1
        OR (NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_iy iy WHERE iy.seq2_no = si.seq2_no
                        AND iy.medicine_cd IN (SELECT medicine_cd FROM self_injection))
            AND NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_si x WHERE x.seq2_no = si.seq2_no
                            AND x.prac_act_cd IN ('120002910', '120002710', '114032810', '114037710')))) x;
-- an act billed as the companion of another (med.yaml outpatient.companions) never without it:
-- 二類感染症患者入院診療加算 (外来診療) with 院内トリアージ実施料 (臨時的取扱), 画像診断管理加算2 with
-- コンピューター断層診断
SELECT 'companion act billed more often than its act on a receipt', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si
    GROUP BY seq2_no
    HAVING coalesce(sum(times) FILTER (WHERE prac_act_cd = '113033650'), 0)
             > coalesce(sum(times) FILTER (WHERE prac_act_cd = '113032950'), 0)
        OR coalesce(sum(times) FILTER (WHERE prac_act_cd = '170025710'), 0)
             > coalesce(sum(times) FILTER (WHERE prac_act_cd = '170015410'), 0)) x;
SELECT 'no companion act at all', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END
  FROM tnds_t_rcp_med_si WHERE prac_act_cd IN ('113033650', '170025710');
-- the COVID-19 救急医療管理加算 (臨時, 外来) once a receipt (once an episode, and no second COVID-19
-- episode within conditions.csv next_episode_days 60), on a COVID-19 receipt; its 乳幼児加算 only
-- under 6 and its 小児加算 only at 6 to 14, each with it (companions with ages; the receipt's age
-- may differ by one from the age on the day of the visit, a birthday within the month)
SELECT 'COVID-19 救急医療管理加算 twice, without COVID-19, or its age 加算 at another age', count(*) FROM (
    SELECT si.seq2_no FROM tnds_t_rcp_med_si si JOIN tnds_t_rcp_med_re re USING (seq2_no)
    WHERE si.prac_act_cd IN ('180065850', '180066170', '180066270')
    GROUP BY si.seq2_no, re.age
    HAVING coalesce(sum(si.times) FILTER (WHERE si.prac_act_cd = '180065850'), 0) <> 1
        OR (bool_or(si.prac_act_cd = '180066170') AND re.age >= 7)
        OR (bool_or(si.prac_act_cd = '180066270') AND (re.age < 5 OR re.age >= 16))
        OR NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_sy sy JOIN tnds_m_skwd m USING (skwd_name_cd)
                       WHERE sy.seq2_no = si.seq2_no AND m.icd_10_1 LIKE 'U07%')) x;
-- 院内トリアージ実施料 (not the 臨時 one) only for a new patient seen out of hours: a receipt with it
-- has a time 加算 or 夜間・早朝等加算 of a 初診 (or of a 小児科外来診療料 初診), at least as many
SELECT '院内トリアージ実施料 without an out-of-hours 初診', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si
    GROUP BY seq2_no
    HAVING coalesce(sum(times) FILTER (WHERE prac_act_cd = '113013710'), 0)
         > coalesce(sum(times) FILTER (WHERE prac_act_cd IN (
               '111000570', '111000670', '111000770', '111011970', '111012070', '111012170',
               '111012470', '113009670', '113007170', '113007270')), 0)) x;
-- 検体検査管理加算(1) once a month, and only with a 検体検査判断料 (D026) on the receipt
SELECT '検体検査管理加算 twice a receipt, or without a 検体検査判断料', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si
    GROUP BY seq2_no
    HAVING sum(times) FILTER (WHERE prac_act_cd = '160170170') > 1
        OR (sum(times) FILTER (WHERE prac_act_cd = '160170170') = 1
            AND coalesce(sum(times) FILTER (WHERE prac_act_cd IN ('160061710', '160061810', '160061910',
                '160062010', '160062110', '160062210', '160218110')), 0) = 0)) x;
-- 小児科外来診療料 includes the base fee, 外来管理加算 and 処方箋料: never on the same day
SELECT '小児科外来診療料 with 初診料, 再診料, 外来管理加算 or 処方箋料 the same day', count(*) FROM (
    SELECT d.seq2_no, d.day FROM (
        SELECT si.seq2_no, si.prac_act_cd, u.day
        FROM tnds_t_rcp_med_si si,
             LATERAL unnest(ARRAY[days01_info,days02_info,days03_info,days04_info,days05_info,days06_info,days07_info,days08_info,days09_info,days10_info,days11_info,days12_info,days13_info,days14_info,days15_info,days16_info,days17_info,days18_info,days19_info,days20_info,days21_info,days22_info,days23_info,days24_info,days25_info,days26_info,days27_info,days28_info,days29_info,days30_info,days31_info]) WITH ORDINALITY AS u(v, day)
        WHERE coalesce(u.v::text, '') NOT IN ('', '0')
          AND si.prac_act_cd IN ('113003510', '113003610', '113003710', '113003810', '111000110',
                                 '112007410', '112011010', '120002910', '120002710')) d
    GROUP BY d.seq2_no, d.day
    HAVING count(*) FILTER (WHERE d.prac_act_cd LIKE '11300%') > 0
       AND count(*) FILTER (WHERE d.prac_act_cd NOT LIKE '11300%') > 0) x;
SELECT 'no 小児科外来診療料 at all', CASE WHEN count(*) > 0 THEN 0 ELSE 1 END
  FROM tnds_t_rcp_med_si WHERE prac_act_cd IN ('113003510', '113003610', '113003710', '113003810');
-- a dialysis patient, seen every 2 or 3 days, has drugs renewed once a supply period (14 or 28
-- days: med.yaml rx_min_interval), not at every session (before: one prescription a session)
SELECT '人工腎臓 receipts of 8 sessions or more prescribing (処方料 or 処方箋料) at half of them', count(*)
  FROM (SELECT seq2_no, sum(times) AS n FROM tnds_t_rcp_med_si
        WHERE prac_act_cd IN ('140057810', '140057910') GROUP BY 1) d
  JOIN (SELECT seq2_no, sum(times) AS n FROM tnds_t_rcp_med_si
        WHERE prac_act_cd IN ('120002910', '120002710', '120004610', '120001210', '120002610',
                              '120004410') GROUP BY 1) rx USING (seq2_no)
  WHERE d.n >= 8 AND rx.n * 2 >= d.n;
-- deaths (masters/clinical/death_*.csv): every death has a cause and a place; nobody dies during
-- an admission for a disease nobody dies of (cataract, knee osteoarthritis, lumbago, glaucoma,
-- prostatic hyperplasia: before, 30 of 636 deaths of 50,000 persons did); a DPC death names
-- its 死因; a death in a care facility or 老人ホーム is a resident's, with the facility's claim
SELECT 'deaths without a cause or a place', count(*) FROM hicgen_persons
  WHERE death_ymd IS NOT NULL AND (death_cause IS NULL OR death_place IS NULL);
SELECT 'causes or places of death of the living', count(*) FROM hicgen_persons
  WHERE death_ymd IS NULL AND (death_cause IS NOT NULL OR death_place IS NOT NULL);
SELECT 'deaths (転帰 死亡) on an inpatient receipt for a disease nobody dies of', count(*) FROM (
    SELECT sy.skwd_name_cd FROM tnds_t_rcp_med_sy sy JOIN tnds_t_rcp_med_re re USING (seq2_no)
      WHERE sy.outcm_div = '3' AND right(re.rcp_cls, 1) IN ('1', '3', '5', '7', '9')
    UNION ALL SELECT sb.skwd_name_cd FROM tnds_t_rcp_dpc_bu bu JOIN tnds_t_rcp_dpc_sb sb USING (seq2_no)
      WHERE bu.dpc_outcm_div = '6' AND sb.skwd_name_div = '01') d
  JOIN tnds_m_skwd m USING (skwd_name_cd)
  WHERE left(m.icd_10_1, 3) IN ('H25', 'H26', 'H40', 'M17', 'M47', 'M48', 'M51', 'M54', 'N40');
SELECT 'DPC deaths without a 死因', count(*) FROM tnds_t_rcp_dpc_bu
  WHERE dpc_outcm_div IN ('6', '7') AND cause_death IS NULL;
SELECT 'deaths in hospital (place 1) without an inpatient receipt in the month of death', count(*)
  FROM hicgen_persons p
  WHERE p.death_place = '1' AND NOT EXISTS (
    SELECT 1 FROM (SELECT id5, prac_ym, rcp_cls FROM tnds_t_rcp_med_re
                   UNION ALL SELECT id5, prac_ym, rcp_cls FROM tnds_t_rcp_dpc_re) re
    WHERE re.id5 = p.id5 AND right(re.rcp_cls, 1) IN ('1', '3', '5', '7', '9')
      AND re.prac_ym = CASE WHEN p.death_ymd >= date '2019-05-01'
                            THEN '5' || lpad((extract(year FROM p.death_ymd)::int - 2018)::text, 2, '0')
                            ELSE '4' || lpad((extract(year FROM p.death_ymd)::int - 1988)::text, 2, '0') END
                       || to_char(p.death_ymd, 'MM'));
SELECT 'deaths in a care facility or 老人ホーム (place 3, 5) without the facility''s claim that month', count(*)
  FROM hicgen_persons p
  WHERE p.death_place IN ('3', '5') AND NOT EXISTS (
    SELECT 1 FROM kdb_t_kyufu_meisai k WHERE k.id5 = p.id5
      AND k.service_teikyo_ym = to_char(p.death_ymd, 'YYYYMM')
      AND k.service_shurui_cd = CASE WHEN p.death_place = '5' THEN '51' ELSE k.service_shurui_cd END
      AND k.service_shurui_cd IN ('51', '52', '55'));
-- wards (masters/med/wards.csv): a 医科入院 receipt bills one ward fee a day of its stay, and a
-- psychiatric stay (統合失調症, 双極性障害, うつ病) a 精神病棟 fee, never 一般病棟's
SELECT '医科入院 receipts whose ward fees are not one a day in hospital', count(*)
  FROM tnds_t_rcp_med_re re JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
  LEFT JOIN (SELECT seq2_no, sum(times) AS n FROM tnds_t_rcp_med_si
             WHERE aft_splmt_prac_ident IN ('90', '92') AND prac_act_cd LIKE '190%'
               AND prac_act_cd NOT IN (SELECT prac_act_cd FROM ward_period)
             GROUP BY 1) w USING (seq2_no)
  WHERE right(re.rcp_cls, 1) IN ('1', '3', '5', '7', '9')
    AND coalesce(w.n, 0) <> ho.prac_true_days;
-- a day in a unit (ICU, HCU, SCU, 救命救急) bills the unit's 特定入院料 (92) instead of the ward's
-- fee; its （ＤＰＣ） code (1935…) is a DPC stay's, never a 医科入院 receipt's
SELECT '医科入院 receipts billing a unit''s （ＤＰＣ） code', count(*)
  FROM tnds_t_rcp_med_si WHERE prac_act_cd LIKE '1935%';
SELECT 'unit fees (特定入院料) not billed as 診療識別 92', count(*) FROM (
    SELECT prac_act_cd, aft_splmt_prac_ident FROM tnds_t_rcp_med_si
    UNION ALL SELECT prac_act_cd, aft_splmt_prac_ident FROM tnds_t_rcp_dpc_si) si
  WHERE prac_act_cd IN ('190174410', '190116310', '190024510', '190128610', '190175010',
                        '190120810', '193511710', '193501610', '193500310', '193504610',
                        '193512510', '193504510')
    AND aft_splmt_prac_ident <> '92';
-- the master's 入外適用区分 (in_out_appl_div): 1 入院のみ, 2 入院外のみ (血液採取 B-V of an
-- inpatient is part of the 入院料)
SELECT '診療行為 billed on the wrong side (入院のみ outpatient, 入院外のみ inpatient)', count(*) FROM (
    SELECT si.prac_act_cd, right(re.rcp_cls, 1)::int % 2 = 1 AS inpatient
      FROM tnds_t_rcp_med_si si JOIN tnds_t_rcp_med_re re USING (seq2_no)
    UNION ALL SELECT prac_act_cd, true FROM tnds_t_rcp_dpc_si) si
  JOIN tnds_m_prac_act m USING (prac_act_cd)
  WHERE m.in_out_appl_div = CASE WHEN si.inpatient THEN '2' ELSE '1' END;
-- a hospital notifies one level of 看護補助 (急性期看護補助体制加算 25対1/50対1 or 看護補助加算1-3):
-- a receipt (one hospital, one month) never bills two of them
SELECT 'receipts billing two levels of one 看護補助 notification', count(*) FROM (
    SELECT seq2_no FROM (SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_med_si
                         UNION ALL SELECT seq2_no, prac_act_cd FROM tnds_t_rcp_dpc_si) si
    WHERE prac_act_cd IN ('190145710', '190135910', '190145810', '190103770', '190103970',
                          '190104070')
    GROUP BY 1 HAVING count(DISTINCT prac_act_cd) > 1) x;
SELECT 'psychiatric stays billed 一般病棟 fees', count(*)
  FROM tnds_t_rcp_med_re re
  JOIN tnds_t_rcp_med_sy sy ON sy.seq2_no = re.seq2_no AND sy.main_skwd = '01'
  JOIN tnds_m_skwd m USING (skwd_name_cd)
  JOIN tnds_t_rcp_med_si si ON si.seq2_no = re.seq2_no
  WHERE right(re.rcp_cls, 1) IN ('1', '3', '5', '7', '9')
    AND left(m.icd_10_1, 3) IN ('F20', 'F31', 'F32', 'F33')
    AND si.prac_act_cd IN ('190117710', '190199710', '190199810', '190199910', '190200010',
                           '190077410', '190200210', '190077510', '190077610');
-- in hospital an injection given every few days (an antibody every 3 weeks) is given on the
-- days due since admission, never daily: at most one dose per interval of the receipt's days
-- (inj_interval: condition_drugs.csv), and never in a discharge prescription
SELECT 'inpatient receipts with an interval injection given more often than its interval', count(*) FROM (
  SELECT iy.seq2_no FROM (
      SELECT seq2_no, medicine_cd, times FROM tnds_t_rcp_med_iy
      UNION ALL SELECT seq2_no, medicine_cd, times FROM tnds_t_rcp_dpc_iy
      UNION ALL SELECT seq2_no, rcpt_comp_sys_rec, times FROM tnds_t_rcp_dpc_cd) iy
  JOIN inj_interval USING (medicine_cd)
  JOIN (SELECT seq2_no, prac_true_days FROM tnds_t_rcp_med_ho JOIN tnds_t_rcp_med_re USING (seq2_no)
        WHERE right(rcp_cls, 1) IN ('1', '3', '5', '7', '9')
        UNION ALL SELECT seq2_no, prac_true_days FROM tnds_t_rcp_dpc_ho) r USING (seq2_no)
  GROUP BY iy.seq2_no, iy.medicine_cd, inj_interval.days, r.prac_true_days
  HAVING sum(iy.times) > ceil(r.prac_true_days::numeric / inj_interval.days)) x;
-- 特定保険医療材料 (TO): real codes, the unit's points its price ÷ 10 rounded, billed with the
-- act they follow (an SI line of the same 診療識別 on the same day of the receipt)
SELECT 'TO codes not in the 特定器材 master', count(*) FROM
    (SELECT spcfc_dev_cd FROM tnds_t_rcp_med_to UNION ALL SELECT spcfc_dev_cd FROM tnds_t_rcp_dpc_to) t
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_spcfc_dev m WHERE m.spcfc_dev_cd = t.spcfc_dev_cd);
SELECT 'TO units whose points are not their materials'' price ÷ 10, rounded', count(*) FROM (
    SELECT t.seq2_no, t.serl_no, max(t.score) AS score, sum(t.use_amnt * m.nnp_price) AS yen
    FROM (SELECT seq2_no, serl_no, spcfc_dev_cd, use_amnt, score FROM tnds_t_rcp_med_to
          UNION ALL SELECT seq2_no, serl_no, spcfc_dev_cd, use_amnt, score FROM tnds_t_rcp_dpc_to) t
    JOIN tnds_m_spcfc_dev m USING (spcfc_dev_cd) GROUP BY 1, 2) u
  WHERE u.score IS DISTINCT FROM floor(u.yen / 10 + 0.5)::int;
-- (a detail line's days: the days%_info columns that are set, read off the row as JSON)
WITH to_days AS (
    SELECT x.seq2_no, x.ident, substr(c.key, 5, 2)::int AS d FROM (
        SELECT seq2_no, aft_splmt_prac_ident AS ident, to_jsonb(t) AS j FROM tnds_t_rcp_med_to t
        UNION ALL SELECT seq2_no, aft_splmt_prac_ident, to_jsonb(t) FROM tnds_t_rcp_dpc_to t) x,
      jsonb_each_text(x.j) c WHERE c.key LIKE 'days%_info' AND c.value IS NOT NULL),
si_days AS (
    SELECT x.seq2_no, x.ident, substr(c.key, 5, 2)::int AS d FROM (
        SELECT seq2_no, aft_splmt_prac_ident AS ident, to_jsonb(s) AS j FROM tnds_t_rcp_med_si s
        WHERE seq2_no IN (SELECT seq2_no FROM tnds_t_rcp_med_to)
        UNION ALL SELECT seq2_no, aft_splmt_prac_ident, to_jsonb(s) FROM tnds_t_rcp_dpc_si s
        WHERE seq2_no IN (SELECT seq2_no FROM tnds_t_rcp_dpc_to)) x,
      jsonb_each_text(x.j) c WHERE c.key LIKE 'days%_info' AND c.value IS NOT NULL)
SELECT 'TO lines without an act of their 診療識別 on their day', count(*) FROM to_days t
  WHERE NOT EXISTS (SELECT 1 FROM si_days s WHERE (s.seq2_no, s.ident, s.d) = (t.seq2_no, t.ident, t.d));
SELECT 'no 特定保険医療材料 billed (stents, implants, catheters)', CASE WHEN
    (SELECT count(*) FROM tnds_t_rcp_med_to) + (SELECT count(*) FROM tnds_t_rcp_dpc_to) > 0 THEN 0 ELSE 1 END;
-- 人工腎臓 is a fee a day: the dialysis patient's two forms (under 4 hours, 4 to 5) are alternatives
SELECT 'days billing two 人工腎臓', count(*) FROM (
    SELECT s.seq2_no, c.key FROM tnds_t_rcp_med_si s, jsonb_each_text(to_jsonb(s)) c
    WHERE s.prac_act_cd IN ('140057810', '140057910') AND c.key LIKE 'days%_info' AND c.value IS NOT NULL
    GROUP BY 1, 2 HAVING sum(c.value::int) > 1) x;
-- an act billed by its quantity (the master's きざみ: 閉鎖循環式全身麻酔 adds its きざみ点数 for
-- each 30 minutes or part beyond 2 hours) carries its 数量データ, and its points are the master's
-- for that quantity; no other act carries a quantity
SELECT 'SI points not the master''s for the line''s 数量データ (きざみ), or a quantity on another act', count(*) FROM (
    SELECT prac_act_cd, qnt_dat, score FROM tnds_t_rcp_med_si WHERE qnt_dat IS NOT NULL
    UNION ALL SELECT prac_act_cd, qnt_dat, score FROM tnds_t_rcp_dpc_si WHERE qnt_dat IS NOT NULL) si
  JOIN tnds_m_prac_act m USING (prac_act_cd)
  WHERE m.nv_notc_calc_ident IS DISTINCT FROM '1'
     OR si.qnt_dat > m.nv_upr_val
     OR si.score <> round(m.nns_new_now_score)
                    + greatest(0, ceil((si.qnt_dat - m.nv_lwr_val)::numeric / m.nv_notc_val))
                      * round(m.nv_notc_score);
-- a drug under 手術 (診療識別 50) is the blood of a 輸血: on a receipt with 保存血液輸血, its
-- points the 薬剤料 of its bags (price × amount, 15 yen or less 1 point, else 1 + the rest ÷ 10
-- rounded up); and some are billed
SELECT 'blood products without their 輸血, or not priced by the 薬剤料 rule', count(*) FROM (
    SELECT iy.seq2_no, iy.medicine_cd, iy.use_amnt, iy.score, 'med' AS fam FROM tnds_t_rcp_med_iy iy
    WHERE iy.aft_splmt_prac_ident = '50'
    UNION ALL SELECT iy.seq2_no, iy.medicine_cd, iy.use_amnt, iy.score, 'dpc' FROM tnds_t_rcp_dpc_iy iy
    WHERE iy.aft_splmt_prac_ident = '50') b
  JOIN tnds_m_medicine m USING (medicine_cd)
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_si s WHERE b.fam = 'med' AND s.seq2_no = b.seq2_no
                      AND s.prac_act_cd = '150224910')
    AND NOT EXISTS (SELECT 1 FROM tnds_t_rcp_dpc_si s WHERE b.fam = 'dpc' AND s.seq2_no = b.seq2_no
                      AND s.prac_act_cd = '150224910')
     OR b.score <> CASE WHEN m.nnp_price * b.use_amnt <= 15 THEN 1
                        ELSE 1 + ceil((m.nnp_price * b.use_amnt - 15) / 10) END;
SELECT 'no blood products billed with a 輸血', CASE WHEN
    (SELECT count(*) FROM tnds_t_rcp_med_iy WHERE aft_splmt_prac_ident = '50')
  + (SELECT count(*) FROM tnds_t_rcp_dpc_iy WHERE aft_splmt_prac_ident = '50') > 0 THEN 0 ELSE 1 END;
