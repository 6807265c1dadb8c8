-- Invariants of a loaded hicgen dataset. Each query returns one row: a check name and the
-- number of violations, which must be 0.
SELECT 'detail rows without a receipt', count(*) FROM (
    SELECT seq2_no FROM tnds_t_rcp_med_si UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_iy
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_sy UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_co
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ho UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ko
    UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ir) d
  WHERE NOT EXISTS (SELECT 1 FROM tnds_t_rcp_med_re re WHERE re.seq2_no = d.seq2_no);
SELECT 'receipts without exactly one IR', count(*) FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_ir GROUP BY 1) ir USING (seq2_no)
  WHERE ir.n IS DISTINCT FROM 1;
SELECT 'receipts without exactly one HO or KO', count(*) FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM (SELECT seq2_no FROM tnds_t_rcp_med_ho
             UNION ALL SELECT seq2_no FROM tnds_t_rcp_med_ko) u GROUP BY 1) i USING (seq2_no)
  WHERE i.n IS DISTINCT FROM 1;
SELECT 'HO/KO total not the sum of detail points', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_med_ho
     UNION ALL SELECT seq2_no, total_score FROM tnds_t_rcp_med_ko) t
  LEFT JOIN (SELECT seq2_no, sum(score * times) AS detail FROM
             (SELECT seq2_no, score, times FROM tnds_t_rcp_med_si
              UNION ALL SELECT seq2_no, score, times FROM tnds_t_rcp_med_iy) u GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score IS DISTINCT FROM coalesce(d.detail, 0);
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
SELECT 'inpatient receipts without hospital days', count(*) FROM tnds_t_rcp_med_re re
  WHERE re.hostz_ymd IS NOT NULL AND re.seq2_no NOT IN (
    SELECT seq2_no FROM tnds_t_rcp_med_si WHERE aft_splmt_prac_ident = '90');
SELECT 'receipts without one main disease', count(*) FROM tnds_t_rcp_med_re re
  LEFT JOIN (SELECT seq2_no, count(*) n FROM tnds_t_rcp_med_sy WHERE main_skwd = '01' GROUP BY 1) s
    USING (seq2_no)
  WHERE s.n IS DISTINCT FROM 1;
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
SELECT '調剤 HO/KO total not fees + drug points', count(*) FROM
    (SELECT seq2_no, total_score FROM tnds_t_rcp_pha_ho UNION ALL
     SELECT seq2_no, total_score FROM tnds_t_rcp_pha_ko) t
  LEFT JOIN (SELECT seq2_no, sum(s) AS s FROM (
        SELECT seq2_no, coalesce(dsc_score, 0) + drc_score AS s FROM tnds_t_rcp_pha_cz
        UNION ALL SELECT seq2_no, dbc_score + pmc01_score * pmc01_times FROM tnds_t_rcp_pha_ki) u
      GROUP BY 1) d USING (seq2_no)
  WHERE t.total_score IS DISTINCT FROM d.s;
SELECT '調剤 receipts with no 医科 処方箋料 by the same prescriber, person and month', count(*)
  FROM tnds_t_rcp_pha_re p
  WHERE NOT EXISTS (
    SELECT 1 FROM tnds_t_rcp_med_re m
    JOIN tnds_t_rcp_med_ir ir ON ir.seq2_no = m.seq2_no
    JOIN tnds_t_rcp_med_si si ON si.seq2_no = m.seq2_no AND si.prac_act_cd = '120002910'
    WHERE m.id5 = p.id5 AND m.prac_ym = p.prac_ym AND ir.medi_inst_cd = p.medi_inst);
SELECT '調剤 drugs not in the 医薬品 master', count(*) FROM tnds_t_rcp_pha_iy i
  WHERE NOT EXISTS (SELECT 1 FROM tnds_m_medicine m WHERE m.medicine_cd = i.medicine_cd);
SELECT '調剤 fee codes not in the 調剤行為 master', count(*) FROM tnds_t_rcp_pha_cz c
  WHERE c.dsc_cd IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tnds_m_dspng_act m WHERE m.dspng_act_cd = c.dsc_cd);
