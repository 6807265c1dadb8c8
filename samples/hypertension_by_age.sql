-- Patients with hypertension (傷病名 codes 8833421 高血圧症, 8840107 本態性高血圧症; 疑い excluded)
-- by sex and 10-year age band, with how many of them received a calcium-channel blocker
-- (amlodipine, YJ prefix 2171022F) on a 医科 receipt (院内処方). The data is FICTITIOUS.
-- Persons are counted by id5, the NDB's person id that survives insurer changes.
WITH ht AS (
    SELECT DISTINCT re.id5, re.sex_div, (re.age / 10) * 10 AS age10
    FROM tnds_t_rcp_med_sy sy
    JOIN tnds_t_rcp_med_re re ON re.seq2_no = sy.seq2_no
    WHERE sy.skwd_name_cd IN ('8833421', '8840107') AND sy.sspct_dss_flg = 0
),
ccb AS (
    SELECT DISTINCT re.id5
    FROM tnds_t_rcp_med_iy iy
    JOIN tnds_t_rcp_med_re re ON re.seq2_no = iy.seq2_no
    JOIN tnds_m_medicine m ON m.medicine_cd = iy.medicine_cd
    WHERE substr(m.drug_price_std_cd, 1, 8) = '2171022F'
)
SELECT CASE ht.sex_div WHEN '1' THEN 'male' ELSE 'female' END AS sex,
       ht.age10 AS age_band,
       count(*) AS patients,
       count(ccb.id5) AS with_amlodipine_in_house
FROM ht LEFT JOIN ccb ON ccb.id5 = ht.id5
GROUP BY 1, 2
ORDER BY 1, 2;
