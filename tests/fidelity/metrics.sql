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
          WHERE p.death_ymd IS NULL OR p.death_ymd >= m.first_day) x
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
out_totals AS (SELECT total_score, count(*) AS n FROM med_out GROUP BY 1)
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
) m ORDER BY metric;
