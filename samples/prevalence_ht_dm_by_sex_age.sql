-- Treated prevalence of hypertension (ICD-10 I10–I15) and diabetes (E10–E14) by sex and
-- 10-year age band: persons (id5) with a confirmed (not 疑い) diagnosis on a 医科 or DPC
-- receipt, per 100 persons with any 医科/DPC receipt in the period. The diagnosis is found
-- through the ICD-10 of the 傷病名 master, so it works with any 傷病名 codes. The NDB has no
-- population table: the denominator is persons seen, not residents. The data is FICTITIOUS.
WITH re AS (
    SELECT seq2_no, id5, sex_div, age FROM tnds_t_rcp_med_re
    UNION ALL SELECT seq2_no, id5, sex_div, age FROM tnds_t_rcp_dpc_re),
sy AS (
    SELECT seq2_no, skwd_name_cd FROM tnds_t_rcp_med_sy WHERE sspct_dss_flg = 0
    UNION ALL SELECT seq2_no, skwd_name_cd FROM tnds_t_rcp_dpc_sy WHERE sspct_dss_flg = 0),
person AS (     -- sex and age at the person's first receipt of the period
    SELECT DISTINCT ON (id5) id5, sex_div, (age / 10) * 10 AS age_band
    FROM re ORDER BY id5, age),
dx AS (
    SELECT re.id5,
           bool_or(left(m.icd_10_1, 3) BETWEEN 'I10' AND 'I15') AS hypertension,
           bool_or(left(m.icd_10_1, 3) BETWEEN 'E10' AND 'E14') AS diabetes
    FROM sy JOIN re USING (seq2_no) JOIN tnds_m_skwd m USING (skwd_name_cd)
    GROUP BY 1)
SELECT CASE p.sex_div WHEN '1' THEN 'male' ELSE 'female' END AS sex,
       p.age_band,
       count(*) AS persons_seen,
       round(100.0 * count(*) FILTER (WHERE dx.hypertension) / count(*), 1) AS hypertension_pct,
       round(100.0 * count(*) FILTER (WHERE dx.diabetes) / count(*), 1) AS diabetes_pct
FROM person p LEFT JOIN dx USING (id5)
GROUP BY 1, 2
ORDER BY 1, 2;
