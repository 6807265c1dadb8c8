-- NDB × 介護DB (linked by id5): of the people admitted for cerebral infarction (脳梗塞,
-- 傷病名 8838708; 医科入院 or DPC), how many applied for a care-need certification within 180 days
-- of admission, and with what outcome. The data is FICTITIOUS.
WITH stroke AS (
    SELECT re.id5, min(re.hostz_ymd) AS admit_g
    FROM (SELECT seq2_no, id5, hostz_ymd FROM tnds_t_rcp_med_re
          UNION ALL SELECT seq2_no, id5, hostz_ymd FROM tnds_t_rcp_dpc_re) re
    JOIN (SELECT seq2_no, skwd_name_cd FROM tnds_t_rcp_med_sy
          UNION ALL SELECT seq2_no, skwd_name_cd FROM tnds_t_rcp_dpc_sy) sy USING (seq2_no)
    WHERE sy.skwd_name_cd = '8838708' AND re.hostz_ymd IS NOT NULL
    GROUP BY 1),
admitted AS (   -- 和暦 GYYMMDD to a date
    SELECT id5, make_date((CASE substr(admit_g, 1, 1) WHEN '5' THEN 2018 ELSE 1988 END)
                          + substr(admit_g, 2, 2)::int, substr(admit_g, 4, 2)::int,
                          substr(admit_g, 6, 2)::int) AS admit
    FROM stroke),
cert AS (
    SELECT a.id5, min(to_date(n.shinsei_ymd, 'YYYYMMDD')) AS applied,
           max(n.niji_hantei) FILTER (WHERE n.niji_hantei <> '01') AS level
    FROM admitted a JOIN kdb_t_nintei n USING (id5)
    WHERE to_date(n.shinsei_ymd, 'YYYYMMDD') BETWEEN a.admit AND a.admit + 180
    GROUP BY 1)
SELECT count(*) AS admitted_for_stroke,
       count(c.id5) AS applied_within_180_days,
       round(100.0 * count(c.id5) / nullif(count(*), 0), 1) AS pct,
       count(c.level) FILTER (WHERE c.level >= '21') AS certified_kaigo
FROM admitted a LEFT JOIN cert c USING (id5);
